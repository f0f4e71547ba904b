namespace Qoder.Lsp.Context.Commands;

/// <summary>Where a slash command comes from. On a name clash the built-in wins, then project, then user (en-cli-command.md).</summary>
public enum CommandScope
{
    Builtin,
    Project,
    User,
}
