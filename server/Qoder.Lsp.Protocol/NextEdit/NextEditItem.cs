namespace Qoder.Lsp.Protocol;

/// <summary>One suggestion, accepted or rejected as a whole: its edits are all in one document.</summary>
public sealed record NextEditItem
{
    /// <summary>Names the item in <c>qoder/didShowNextEdit</c> and in its commands.</summary>
    public required string Id { get; init; }

    /// <summary>Non-overlapping edits in document order; every range refers to the document version given beside it (to the file on disk when there is none).</summary>
    public required IReadOnlyList<NextEditTextEdit> Edits { get; init; }

    /// <summary>Where to go first, when the edits are not in the requesting document ("Tab to jump").</summary>
    public NextEditJump? Jump { get; init; }

    /// <summary>The commands the client runs through <c>workspace/executeCommand</c> when the user accepts, rejects or ignores the item.</summary>
    public required NextEditCommands Commands { get; init; }
}
