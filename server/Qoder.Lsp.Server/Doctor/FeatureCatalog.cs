using Qoder.Lsp.Core.Models;

namespace Qoder.Lsp.Server.Doctor;

/// <summary>What doctor reports per feature. Flip <see cref="FeatureRequirement.Built"/> when a feature lands.</summary>
internal static class FeatureCatalog
{
    public static IReadOnlyList<FeatureRequirement> All { get; } =
    [
        new("Document sync, settings, status (LSP core)", null, Built: true),
        new("Inline completion", ModelRole.Completion, Built: true),
        new("NEXT edit suggestions (deterministic: edit history, rename propagation token- and C#-symbol-accurate, C# signature change at call sites and overrides, C# missing using, TS/JS missing import, C# doc comment skeleton, JSDoc/Javadoc skeleton)", null, Built: true),
        new("NEXT edit suggestions (model: needs models.roles.nextEdit)", ModelRole.NextEdit, Built: true),
        new("Ask/Plan chat and inline chat (@-context, rules, AGENTS.md, custom commands, memory, compaction)", ModelRole.Chat, Built: true),
        new("Agent chat with tools and MCP", ModelRole.Agent, Built: false),
        new("Codebase search (lexical and symbol)", null, Built: true),
        new("Codebase search (semantic: the local MiniLM model, or the embeddings role when configured)", null, Built: true),
        new("Database schema context (connections, introspection, DDL, guarded SQL execution)", null, Built: true),
        new("Database NL→SQL (qoder/database/generateSql)", ModelRole.Chat, Built: true),
        new("Database in chat (@database schema context; /sql, /db-review, /mock-data)", ModelRole.Chat, Built: true),
    ];
}
