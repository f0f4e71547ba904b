namespace Qoder.Lsp.Context.Rules;

/// <summary>One titled block of the rules prompt; <see cref="IncludedName"/> is what <see cref="RulePrompt.IncludedRules"/> reports for it.</summary>
internal sealed record PromptSection(string Title, string Body, SectionTier Tier, string? IncludedName)
{
    public string Render() => $"\n## {Title}\n\n{Body}\n";

    /// <summary>The section cut to at most <paramref name="maxLength"/> characters, at a line end when one is near.</summary>
    public (string Text, int BodyKept) RenderTruncated(int maxLength)
    {
        const string marker = "\n[… truncated]";
        var frame = Render().Length - Body.Length + marker.Length;
        var keep = Math.Clamp(maxLength - frame, 0, Body.Length);
        var lineEnd = Body.LastIndexOf('\n', Math.Max(0, keep - 1));
        if (lineEnd > keep / 2)
        {
            keep = lineEnd;
        }

        return ($"\n## {Title}\n\n{Body[..keep]}{marker}\n", keep);
    }
}
