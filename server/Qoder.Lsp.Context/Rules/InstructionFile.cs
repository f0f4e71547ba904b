namespace Qoder.Lsp.Context.Rules;

/// <summary>The text of an AGENTS.md or AGENTS.local.md file (or why it could not be read).</summary>
internal sealed record InstructionFile(string Text, string? Problem)
{
    public static InstructionFile Parse(string path, string text) => new(text.TrimStart('\uFEFF').Trim(), null);

    public static InstructionFile Unreadable(string path, Exception error) => new("", $"{path} cannot be read ({(error is FileTooLargeException ? error.Message : error.GetType().Name)})");
}
