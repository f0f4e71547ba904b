namespace Qoder.Lsp.Protocol;

/// <summary>The three commands of a <see cref="NextEditItem"/>; each takes the item's id as its only argument.</summary>
public sealed record NextEditCommands
{
    /// <summary><c>qoder.acceptNextEdit</c>: the user applied the edits (the client applies them itself).</summary>
    public required Command Accept { get; init; }

    /// <summary><c>qoder.rejectNextEdit</c>: the user dismissed the item; the same suggestion is not offered again for that edit.</summary>
    public required Command Reject { get; init; }

    /// <summary><c>qoder.ignoreNextEdit</c>: the item went away without a decision (e.g. the editor lost focus).</summary>
    public required Command Ignore { get; init; }
}
