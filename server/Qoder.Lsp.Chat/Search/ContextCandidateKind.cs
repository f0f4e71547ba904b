namespace Qoder.Lsp.Chat.Search;

/// <summary>What an @-completion entry attaches.</summary>
public enum ContextCandidateKind
{
    File,
    Folder,
    Rule,
    Database,
}
