namespace Qoder.Lsp.Context.Rules;

/// <summary>
/// Priority of a prompt section when the 100,000-character limit is hit, kept first to cut first: what the user
/// asked for, then project rules, user rules, the model-decision list, and AGENTS.md last (rules win over it).
/// </summary>
internal enum SectionTier
{
    Requested,
    ProjectRule,
    UserRule,
    ModelDecisionList,
    ProjectInstructions,
    UserInstructions,
}
