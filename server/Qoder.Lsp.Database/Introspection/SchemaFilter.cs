using System.Text.RegularExpressions;

namespace Qoder.Lsp.Database.Introspection;

/// <summary>Which schemas to introspect: <see cref="Include"/> (all when empty) minus <see cref="Exclude"/>; <c>*</c> is a wildcard, case-insensitive.</summary>
public sealed record SchemaFilter(IReadOnlyList<string> Include, IReadOnlyList<string> Exclude)
{
    public static SchemaFilter All { get; } = new([], []);

    public bool Matches(string schema) =>
        (Include.Count == 0 || Include.Any(pattern => IsMatch(pattern, schema))) && !Exclude.Any(pattern => IsMatch(pattern, schema));

    private static bool IsMatch(string pattern, string name) =>
        pattern.Contains('*', StringComparison.Ordinal)
            ? Regex.IsMatch(name, "^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal) + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))
            : string.Equals(pattern, name, StringComparison.OrdinalIgnoreCase);
}
