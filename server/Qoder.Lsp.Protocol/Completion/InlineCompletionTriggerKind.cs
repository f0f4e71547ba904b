namespace Qoder.Lsp.Protocol;

public static class InlineCompletionTriggerKind
{
    public const int Invoked = 1;
    public const int Automatic = 2;
}
