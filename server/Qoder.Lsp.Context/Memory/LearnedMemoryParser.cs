using System.Text.Json;
using System.Text.RegularExpressions;

namespace Qoder.Lsp.Context.Memory;

/// <summary>
/// Reads the extraction model's answer defensively: models wrap JSON in code fences, add prose around it, return a bare
/// array instead of the object asked for, or strings instead of objects. Anything unreadable yields no memories, never
/// an exception; items that look like secrets are dropped so a password said in chat never becomes a stored memory.
/// </summary>
internal static partial class LearnedMemoryParser
{
    private static readonly JsonDocumentOptions Lenient = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };
    private static readonly HashSet<string> Categories = new(StringComparer.OrdinalIgnoreCase) { "user", "feedback", "project", "reference" };

    public static IReadOnlyList<LearnedMemory> Parse(string? answer, int maxItems)
    {
        if (string.IsNullOrWhiteSpace(answer) || FindJson(answer) is not { } json)
        {
            return [];
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(json, Lenient);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return [];
        }

        var items = root.ValueKind switch
        {
            JsonValueKind.Array => root,
            JsonValueKind.Object when root.TryGetProperty("memories", out var list) && list.ValueKind == JsonValueKind.Array => list,
            _ => default,
        };
        if (items.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var result = new List<LearnedMemory>();
        foreach (var item in items.EnumerateArray())
        {
            if (result.Count >= maxItems)
            {
                break;
            }

            if (Read(item) is { } memory)
            {
                result.Add(memory);
            }
        }

        return result;
    }

    private static LearnedMemory? Read(JsonElement item)
    {
        string? content = null, category = null, scope = null;
        if (item.ValueKind == JsonValueKind.String)
        {
            content = item.GetString();
        }
        else if (item.ValueKind == JsonValueKind.Object)
        {
            content = Text(item, "content") ?? Text(item, "memory") ?? Text(item, "text");
            category = Text(item, "category") ?? Text(item, "type");
            scope = Text(item, "scope");
        }

        content = content?.Trim();
        if (string.IsNullOrEmpty(content) || content.Length > MemoryStore.MaxContentLength || LooksSecret().IsMatch(content))
        {
            return null;
        }

        var global = scope is not null && (scope.Equals("global", StringComparison.OrdinalIgnoreCase) || scope.Equals("user", StringComparison.OrdinalIgnoreCase));
        return new LearnedMemory(content, category is not null && Categories.Contains(category) ? category.ToLowerInvariant() : null, global ? MemoryScope.Global : MemoryScope.Project);
    }

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The outermost JSON object or array in the text, fences and prose around it ignored.</summary>
    private static string? FindJson(string answer)
    {
        var start = answer.IndexOfAny(['{', '[']);
        if (start < 0)
        {
            return null;
        }

        var close = answer[start] == '{' ? '}' : ']';
        var end = answer.LastIndexOf(close);
        return end > start ? answer[start..(end + 1)] : null;
    }

    [GeneratedRegex(@"(?:api[_ -]?key|password|passwd|secret|token|bearer)\s*[:=]|\b(?:sk|pk|rk|ghp|gho|ghs|glpat|xox[abprs])[-_][A-Za-z0-9_\-]{12,}|\bAKIA[0-9A-Z]{16}\b", RegexOptions.IgnoreCase)]
    private static partial Regex LooksSecret();
}
