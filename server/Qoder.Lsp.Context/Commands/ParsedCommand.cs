using Qoder.Lsp.Context.Rules;

namespace Qoder.Lsp.Context.Commands;

/// <summary>What a command file says (cacheable; the name comes from its path). <see cref="Problem"/> means it is not usable.</summary>
internal sealed record ParsedCommand(string? Label, string Description, string Body, string? Problem, string? Warning)
{
    public static ParsedCommand Parse(string path, string text)
    {
        var frontmatter = MarkdownFrontmatter.Parse(text);
        if (frontmatter.Problem is { } broken)
        {
            return new(null, "", frontmatter.Body, $"frontmatter parsing failed: {broken}", null);
        }

        var description = frontmatter.GetString("description")?.Trim() ?? "";
        var label = frontmatter.GetString("name")?.Trim();
        if (frontmatter.Body.Length == 0)
        {
            // The docs: a command with an empty body does not appear in the available list.
            return new(label, description, "", "the command body is empty", null);
        }

        return new(string.IsNullOrEmpty(label) ? null : label, description, frontmatter.Body, null,
            description.Length == 0 ? "no description in the frontmatter (description is required)" : null);
    }

    public static ParsedCommand Unreadable(string path, Exception error) =>
        new(null, "", "", $"the file cannot be read ({(error is FileTooLargeException ? error.Message : error.GetType().Name)})", null);
}
