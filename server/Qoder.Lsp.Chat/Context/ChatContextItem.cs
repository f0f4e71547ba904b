namespace Qoder.Lsp.Chat.Context;

/// <summary>
/// One piece of context the user attached (or the client added automatically), in editor terms. Which fields matter
/// depends on <see cref="Kind"/>: a file or folder has a <see cref="Path"/>; a selection a path, lines and usually its
/// <see cref="Text"/>; a rule or database a <see cref="Name"/>; an attachment a name, media type and
/// <see cref="Data"/> (or a path to read).
/// </summary>
public sealed record ChatContextItem
{
    public required ChatContextKind Kind { get; init; }

    public string? Path { get; init; }

    /// <summary>Zero-based first line of a selection or file range.</summary>
    public int? StartLine { get; init; }

    /// <summary>Zero-based last line (inclusive).</summary>
    public int? EndLine { get; init; }

    public string? Text { get; init; }

    public string? Name { get; init; }

    /// <summary>Search text for @codebase; the question for @database (defaults to the message).</summary>
    public string? Query { get; init; }

    public string? MediaType { get; init; }

    public ReadOnlyMemory<byte>? Data { get; init; }
}
