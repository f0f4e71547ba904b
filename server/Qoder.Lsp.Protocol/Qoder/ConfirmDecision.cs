namespace Qoder.Lsp.Protocol;

public static class ConfirmDecision
{
    public const string Allow = "allow";
    public const string AllowAlways = "allowAlways";
    public const string Deny = "deny";
}
