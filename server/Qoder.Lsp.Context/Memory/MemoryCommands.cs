using System.Text.RegularExpressions;

namespace Qoder.Lsp.Context.Memory;

/// <summary>
/// Recognises an explicit request to remember something in a chat message, as the product's "Active memory" and the
/// CLI's "Remember that …": <c>remember that X</c>, <c>remember: X</c>, <c>please remember X</c>,
/// <c>/memory add [--global|--project] X</c>, <c>/remember X</c>, <c>记住：X</c>. Only the start of the message counts,
/// so "do you remember that bug?" in the middle of a question is not a request.
/// </summary>
public static partial class MemoryCommands
{
    /// <summary>The memory the message asks to store, or null when it asks for nothing of the kind.</summary>
    public static RememberRequest? TryParseRemember(string message)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            return null;
        }

        var text = message.Trim();
        if (SlashCommand().Match(text) is { Success: true } slash)
        {
            var flag = slash.Groups["flag"].Value;
            var scope = flag is "--global" or "-g" ? MemoryScope.Global : MemoryScope.Project;
            return Request(slash.Groups["content"].Value, scope);
        }

        if (Natural().Match(text) is { Success: true } natural)
        {
            // A question ("remember what we did yesterday?") is not a request to store.
            // "remember to …" is an instruction for the task at hand, "remember when/what …" a question about the past.
            var content = natural.Groups["content"].Value;
            if (!natural.Groups["colon"].Success && !natural.Groups["that"].Success && (content.TrimEnd().EndsWith('?') || NotARequest().IsMatch(content)))
            {
                return null;
            }

            var scope = natural.Groups["global"].Success || natural.Groups["trailingGlobal"].Success ? MemoryScope.Global : MemoryScope.Project;
            return Request(content, scope);
        }

        if (Chinese().Match(text) is { Success: true } chinese)
        {
            var scope = chinese.Groups["global"].Success ? MemoryScope.Global : MemoryScope.Project;
            return Request(chinese.Groups["content"].Value, scope);
        }

        return null;
    }

    private static RememberRequest? Request(string content, MemoryScope scope)
    {
        var trimmed = content.Trim().Trim('"', '\'', '“', '”').Trim();
        return trimmed.Length == 0 ? null : new RememberRequest(trimmed, scope);
    }

    [GeneratedRegex(@"^/(?:memory\s+add|remember)(?:\s+(?<flag>--global|-g|--project|-p))?(?:\s+(?<content>[\s\S]*))?$", RegexOptions.IgnoreCase)]
    private static partial Regex SlashCommand();

    [GeneratedRegex(
        @"^(?:(?:hey|ok|okay|qoder)[,!]?\s+)?(?:(?:please|pls|can you|could you|would you)\s+)?(?:also\s+)?remember" +
        @"(?<global>\s+(?:globally|for all (?:my )?projects|in all (?:my )?projects|across (?:all )?projects|for every project|everywhere))?" +
        @"(?:\s+(?:for|in) this project)?" +
        @"(?:(?<colon>\s*[:：\-–—]\s*)|(?<that>\s+(?:that|this)\s*[:：]?\s*)|\s+)" +
        @"(?<content>[\s\S]+?)" +
        @"(?<trailingGlobal>[,;]?\s+(?:globally|for all (?:my )?projects|in all (?:my )?projects|everywhere))?[.!]?$",
        RegexOptions.IgnoreCase)]
    private static partial Regex Natural();

    [GeneratedRegex(@"^(?:to|what|when|how|why|where|which|who|whom|if|whether)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NotARequest();

    [GeneratedRegex(@"^(?:请)?(?:帮我)?(?<global>全局)?记住(?:一下)?[:：,，]?\s*(?<content>[\s\S]+)$")]
    private static partial Regex Chinese();
}
