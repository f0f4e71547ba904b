namespace Qoder.Lsp.Protocol;

/// <summary>
/// One @-context item of a chat turn or inline chat. <c>kind</c>: <c>file</c>, <c>selection</c>, <c>folder</c>,
/// <c>rule</c>, <c>codebase</c>, <c>database</c> or <c>attachment</c>.
/// </summary>
public sealed record ChatContextItemParams
{
    public required string Kind { get; init; }

    /// <summary>A file, folder, selection or attachment on disk.</summary>
    public string? Uri { get; init; }

    /// <summary>The lines of a selection or file range.</summary>
    public Range? Range { get; init; }

    /// <summary>The selected text, or a text attachment's content.</summary>
    public string? Text { get; init; }

    /// <summary>A rule's name, a database connection's name, or an attachment's file name.</summary>
    public string? Name { get; init; }

    /// <summary>Search text for <c>codebase</c>, question for <c>database</c> (both default to the message).</summary>
    public string? Query { get; init; }

    /// <summary>An attachment's media type (<c>image/png</c>, <c>application/pdf</c>, <c>text/plain</c>…); guessed from the name when absent.</summary>
    public string? MediaType { get; init; }

    /// <summary>An attachment's bytes, base64.</summary>
    public string? Data { get; init; }
}
