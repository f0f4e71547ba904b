namespace Qoder.Lsp.Context.Rules;

/// <summary>
/// What a rule file's frontmatter and body say, independent of where it was found (so the parse is cacheable).
/// Resolution follows the CLI memory docs: <c>trigger</c> wins over <c>alwaysApply</c>; <c>paths</c> alone means
/// glob; no loading frontmatter means always-on; a mode missing its required field is not injected automatically.
/// </summary>
internal sealed record ParsedRule(RuleTrigger Trigger, string? Description, IReadOnlyList<GlobPattern> Globs, string Body, string? Problem)
{
    public static ParsedRule Parse(string path, string text)
    {
        var frontmatter = MarkdownFrontmatter.Parse(text);
        if (frontmatter.Problem is { } broken)
        {
            // We cannot tell what the author meant, so nothing is injected behind the user's back; @rule still works.
            return new(RuleTrigger.Manual, null, [], frontmatter.Body, $"{broken}; the rule is treated as manual until it is fixed");
        }

        var description = frontmatter.GetString("description")?.Trim();
        description = string.IsNullOrEmpty(description) ? null : description;
        var globTexts = frontmatter.GetStringList("glob") ?? frontmatter.GetStringList("globs") ?? frontmatter.GetStringList("paths");
        var trigger = frontmatter.GetString("trigger")?.Trim();

        RuleTrigger resolved;
        if (trigger is not null)
        {
            switch (trigger.ToLowerInvariant())
            {
                case "always_on":
                    resolved = RuleTrigger.AlwaysOn;
                    break;
                case "manual":
                    resolved = RuleTrigger.Manual;
                    break;
                case "model_decision":
                    resolved = RuleTrigger.ModelDecision;
                    break;
                case "glob":
                    resolved = RuleTrigger.Glob;
                    break;
                default:
                    return new(RuleTrigger.Manual, description, [], frontmatter.Body,
                        $"unknown trigger '{trigger}' (expected always_on, manual, model_decision or glob); the rule is treated as manual");
            }
        }
        else if (frontmatter.Has("paths") || frontmatter.Has("glob") || frontmatter.Has("globs"))
        {
            resolved = RuleTrigger.Glob;
        }
        else
        {
            resolved = frontmatter.GetBoolean("alwaysApply") is false ? RuleTrigger.Manual : RuleTrigger.AlwaysOn;
        }

        var globs = new List<GlobPattern>();
        var problems = new List<string>();
        foreach (var globText in globTexts ?? [])
        {
            if (GlobPattern.TryCreate(globText, out var globProblem) is { } glob)
            {
                globs.Add(glob);
            }
            else
            {
                problems.Add(globProblem!);
            }
        }

        if (resolved == RuleTrigger.ModelDecision && description is null)
        {
            problems.Add("trigger model_decision needs a non-empty description; the rule is not offered to the model");
        }

        if (resolved == RuleTrigger.Glob && globs.Count == 0)
        {
            problems.Add("trigger glob needs a valid glob (or paths); the rule is not applied to any file");
        }

        return new(resolved, description, globs, frontmatter.Body, problems.Count == 0 ? null : string.Join("; ", problems));
    }

    public static ParsedRule Unreadable(string path, Exception error) =>
        new(RuleTrigger.Manual, null, [], "", $"the file cannot be read ({(error is FileTooLargeException ? error.Message : error.GetType().Name)})");

    /// <summary>True when the mode's required field is present, i.e. the rule may be injected automatically.</summary>
    public bool IsComplete => Trigger switch
    {
        RuleTrigger.ModelDecision => Description is not null,
        RuleTrigger.Glob => Globs.Count > 0,
        _ => true,
    };
}
