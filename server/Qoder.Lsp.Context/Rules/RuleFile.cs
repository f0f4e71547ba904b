namespace Qoder.Lsp.Context.Rules;

/// <summary>A parsed rule placed in its source: what <see cref="RuleCatalog"/> lists and injects.</summary>
internal sealed record RuleFile(RuleInfo Info, ParsedRule Parsed, RuleSource Source);
