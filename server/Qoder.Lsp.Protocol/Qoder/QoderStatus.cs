namespace Qoder.Lsp.Protocol;

/// <summary>What the user needs to know about the server at a glance: is a model reachable, is something running, what is wrong.</summary>
public sealed record QoderStatus
{
    /// <summary><c>ok</c>, <c>warning</c> (works partly, e.g. no model configured) or <c>error</c>.</summary>
    public required string State { get; init; }
    public required string Message { get; init; }
    public IReadOnlyList<ModelRoleStatus> Models { get; init; } = [];
    public IndexingStatus? Indexing { get; init; }
    public IReadOnlyList<string> Problems { get; init; } = [];
}
