namespace Qoder.Lsp.Chat.Context;

/// <summary>
/// Everything a chat turn reads from outside the engine: files (open documents' live text first), rules, memories,
/// commands, the codebase index and database schemas. The server implements it over its stores; tests use a fake.
/// Implementations never hand back a secret-bearing file's text (<c>Qoder.Lsp.Core.Text.SecretFiles</c>).
/// </summary>
public interface IChatEnvironment
{
    IReadOnlyList<string> WorkspaceRoots { get; }

    /// <summary>The database connections that @database can name.</summary>
    IReadOnlyList<string> DatabaseNames { get; }

    /// <summary>The text of a file; throws <see cref="ChatRequestException"/> when it cannot or must not be read.</summary>
    string ReadFile(string path);

    /// <summary>Bytes of an attachment given by path; throws <see cref="ChatRequestException"/> when unreadable.</summary>
    ReadOnlyMemory<byte> ReadBytes(string path);

    /// <summary>Relative paths under a folder (ignore rules applied), at most <paramref name="maxEntries"/>.</summary>
    IReadOnlyList<string> ListFolder(string path, int maxEntries);

    ChatRules Rules(IReadOnlyCollection<string> contextPaths, IReadOnlyCollection<string> manualRuleNames);

    /// <summary>The body of a rule the model asked for (model-decision rules), or null.</summary>
    string? ReadRule(string name);

    /// <summary>Long-term memories relevant to the message, global and this project's; the most recent ones for an empty query.</summary>
    Task<IReadOnlyList<string>> MemoriesAsync(string query, CancellationToken cancellationToken);

    /// <summary>When the message asks to remember something, stores it and returns what was stored; otherwise null.</summary>
    string? Remember(string message);

    /// <summary>The slash command the message starts with, or null when it starts with none we know.</summary>
    ChatCommand? ParseCommand(string message);

    /// <summary>Code from the workspace index relevant to <paramref name="query"/>, rendered, at most <paramref name="maxChars"/>.</summary>
    Task<string> SearchCodebaseAsync(string query, int maxChars, CancellationToken cancellationToken);

    /// <summary>The schema of the named database connection relevant to <paramref name="question"/>, rendered as DDL.</summary>
    Task<string> DatabaseSchemaAsync(string name, string question, int maxChars, CancellationToken cancellationToken);
}
