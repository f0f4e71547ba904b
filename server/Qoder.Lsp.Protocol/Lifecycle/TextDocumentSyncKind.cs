namespace Qoder.Lsp.Protocol;

public static class TextDocumentSyncKind
{
    public const int None = 0;
    public const int Full = 1;
    public const int Incremental = 2;
}
