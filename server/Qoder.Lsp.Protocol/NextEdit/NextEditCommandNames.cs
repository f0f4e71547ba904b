namespace Qoder.Lsp.Protocol;

/// <summary>The <c>workspace/executeCommand</c> commands of next edit items (arguments: [item id]).</summary>
public static class NextEditCommandNames
{
    public const string Accept = "qoder.acceptNextEdit";

    public const string Reject = "qoder.rejectNextEdit";

    public const string Ignore = "qoder.ignoreNextEdit";

    public static IReadOnlyList<string> All { get; } = [Accept, Reject, Ignore];
}
