using Qoder.Lsp.Context.Commands;
using Qoder.Lsp.Context.Rules;
using Qoder.Lsp.Protocol;

namespace Qoder.Lsp.Server;

/// <summary>Wire conversions of the rules and custom-commands features (kept apart from <see cref="ProtocolConversions"/>, like <see cref="DatabaseConversions"/>).</summary>
internal static class ContextConversions
{
    public static RuleListItem ToRuleListItem(RuleInfo rule) => new()
    {
        Name = rule.Name,
        Path = rule.Path,
        Scope = rule.Scope == RuleScope.User ? "user" : "project",
        Trigger = ToTriggerName(rule.Trigger),
        Description = rule.Description,
        Globs = rule.Globs,
        Directory = rule.Directory,
        Problem = rule.Problem,
    };

    /// <summary>The frontmatter spelling of the product docs.</summary>
    public static string ToTriggerName(RuleTrigger trigger) => trigger switch
    {
        RuleTrigger.AlwaysOn => "always_on",
        RuleTrigger.Manual => "manual",
        RuleTrigger.ModelDecision => "model_decision",
        RuleTrigger.Glob => "glob",
        _ => throw new ArgumentOutOfRangeException(nameof(trigger), trigger, null),
    };

    public static CommandListItem ToCommandListItem(CommandInfo command) => new()
    {
        Name = command.Name,
        Label = command.Label.Length == 0 ? command.Name : command.Label,
        Description = command.Description,
        Scope = command.Scope switch
        {
            CommandScope.Builtin => "builtin",
            CommandScope.Project => "project",
            _ => "user",
        },
        SourcePath = command.SourcePath,
        Builtin = command.IsBuiltin,
        Overridden = command.IsOverridden,
        ShowScope = command.HasSameNameInOtherScope,
        Warning = command.Warning,
    };
}
