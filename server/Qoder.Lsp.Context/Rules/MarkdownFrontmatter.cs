using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Qoder.Lsp.Context.Rules;

/// <summary>
/// The YAML frontmatter of a Markdown file (rules and custom commands) and the body after it. Parsing never
/// throws: a broken block comes back as <see cref="Problem"/> with the fields that could be read.
/// </summary>
internal sealed record MarkdownFrontmatter(IReadOnlyDictionary<string, object?> Fields, string Body, bool HasFrontmatter, string? Problem)
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder().Build();

    public static MarkdownFrontmatter Parse(string text)
    {
        var lines = text.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Length == 0 || lines[0].TrimEnd() != "---")
        {
            return new(Empty, string.Join('\n', lines).Trim(), HasFrontmatter: false, Problem: null);
        }

        var end = Array.FindIndex(lines, 1, line => line.TrimEnd() is "---" or "...");
        if (end < 0)
        {
            return new(Empty, string.Join('\n', lines.Skip(1)).Trim(), HasFrontmatter: true, "the frontmatter starts with --- but is never closed with ---");
        }

        var yaml = string.Join('\n', lines[1..end]);
        var body = string.Join('\n', lines[(end + 1)..]).Trim();
        if (string.IsNullOrWhiteSpace(yaml))
        {
            return new(Empty, body, HasFrontmatter: true, Problem: null);
        }

        try
        {
            var parsed = Yaml.Deserialize<object?>(yaml);
            if (parsed is IDictionary<object, object?> map)
            {
                return new(map.ToDictionary(pair => pair.Key?.ToString() ?? "", pair => pair.Value, StringComparer.Ordinal), body, HasFrontmatter: true, Problem: null);
            }

            return new(Empty, body, HasFrontmatter: true, "the frontmatter is not a list of key: value fields");
        }
        catch (YamlException yamlError)
        {
            // Files written by the Qoder IDE hold plain lines such as `glob: *.md,src/*.java`, which YAML rejects
            // (`*` starts an alias); read those line by line before calling the file broken.
            return ParsePlainLines(lines[1..end]) is { } plain
                ? new(plain, body, HasFrontmatter: true, Problem: null)
                : new(Empty, body, HasFrontmatter: true, $"the frontmatter is not valid YAML ({Describe(yamlError)})");
        }
    }

    /// <summary>A field as text (a scalar), or null when absent or not a scalar.</summary>
    public string? GetString(string key) => Fields.TryGetValue(key, out var value) && value is string text ? text : null;

    /// <summary>A field as a list of strings: a YAML sequence, or one scalar split on commas (the IDE's "comma-separated" form).</summary>
    public IReadOnlyList<string>? GetStringList(string key)
    {
        if (!Fields.TryGetValue(key, out var value) || value is null)
        {
            return null;
        }

        IEnumerable<string> items = value switch
        {
            string text => text.Split(',', StringSplitOptions.RemoveEmptyEntries),
            IEnumerable<object?> list => list.Select(item => item?.ToString() ?? "").SelectMany(item => item.Split(',')),
            _ => [],
        };
        return [.. items.Select(item => item.Trim()).Where(item => item.Length > 0)];
    }

    /// <summary><c>true</c>/<c>false</c> (YAML 1.1 spellings included), or null when absent or something else.</summary>
    public bool? GetBoolean(string key) => GetString(key)?.Trim().ToLowerInvariant() switch
    {
        "true" or "yes" or "on" => true,
        "false" or "no" or "off" => false,
        _ => null,
    };

    public bool Has(string key) => Fields.ContainsKey(key);

    private static readonly Dictionary<string, object?> Empty = new(StringComparer.Ordinal);

    private static Dictionary<string, object?>? ParsePlainLines(string[] lines)
    {
        var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
        string? listKey = null;
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd();
            if (line.Length == 0 || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            var trimmed = line.TrimStart();
            if (listKey is not null && trimmed.StartsWith("- ", StringComparison.Ordinal))
            {
                ((List<object?>)fields[listKey]!).Add(Unquote(trimmed[2..].Trim()));
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || char.IsWhiteSpace(line[0]))
            {
                return null;
            }

            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (value.Length > 0 && value[0] is '[' or '{' or '|' or '>' or '&' or '!')
            {
                // YAML syntax that YAML itself rejected: a real mistake, not the IDE's plain form.
                return null;
            }
            if (value.Length == 0)
            {
                fields[key] = new List<object?>();
                listKey = key;
            }
            else
            {
                fields[key] = Unquote(value);
                listKey = null;
            }
        }

        return fields;
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0] ? value[1..^1] : value;

    /// <summary>YamlDotNet prefixes its messages with "(Line: 1, Col: 7, Idx: 6) - (…): "; the file line reads better.</summary>
    private static string Describe(YamlException error)
    {
        var message = error.Message;
        var start = message.IndexOf("): ", StringComparison.Ordinal);
        message = start >= 0 && message.StartsWith('(') ? message[(start + 3)..] : message;
        // +1 for the opening --- line: the number is the line in the file.
        return $"line {error.Start.Line + 1}: {message}";
    }
}
