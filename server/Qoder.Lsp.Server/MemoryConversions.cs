using System.Globalization;
using Qoder.Lsp.Context.Memory;
using Qoder.Lsp.Protocol;

namespace Qoder.Lsp.Server;

/// <summary>Long-term memory: engine records ↔ <c>qoder/memory/*</c> wire types.</summary>
internal static class MemoryConversions
{
    public static MemoryItem ToItem(MemoryEntry entry) => new()
    {
        Id = entry.Id,
        Scope = ToWire(entry.Scope),
        ProjectRoot = entry.ProjectRoot,
        Content = entry.Content,
        Category = entry.Category,
        Tags = entry.Tags,
        Source = entry.Source == MemorySource.User ? "user" : "learned",
        CreatedAt = Timestamp(entry.CreatedAt),
        UpdatedAt = Timestamp(entry.UpdatedAt),
        LastUsedAt = entry.LastUsedAt is { } used ? Timestamp(used) : null,
    };

    public static string ToWire(MemoryScope scope) => scope == MemoryScope.Global ? "global" : "project";

    /// <summary>A scope from the wire; null stays null (no filter). "personal" is the product's other name for global.</summary>
    /// <exception cref="ArgumentException">Any other word, so a typo never widens a clear to every memory.</exception>
    public static MemoryScope? ToScope(string? scope, bool allowAll = false) => scope?.Trim().ToLowerInvariant() switch
    {
        null => null,
        "global" or "personal" => MemoryScope.Global,
        "project" => MemoryScope.Project,
        "all" when allowAll => null,
        _ => throw new ArgumentException($"scope must be 'global' or 'project'{(allowAll ? " or 'all'" : string.Empty)}, not '{scope}'."),
    };

    private static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
