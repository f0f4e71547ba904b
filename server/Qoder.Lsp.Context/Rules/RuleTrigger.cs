namespace Qoder.Lsp.Context.Rules;

/// <summary>When a rule's body enters a prompt (the product's four activation modes; frontmatter <c>trigger</c>).</summary>
public enum RuleTrigger
{
    /// <summary><c>always_on</c>: every chat and inline-chat request. The default when no loading frontmatter is set.</summary>
    AlwaysOn,

    /// <summary><c>manual</c>: only when the user names it (<c>@rule</c>).</summary>
    Manual,

    /// <summary><c>model_decision</c>: the prompt lists name and description; the model reads the body when relevant.</summary>
    ModelDecision,

    /// <summary><c>glob</c> (or <c>paths</c>): when a file in the context matches one of the globs.</summary>
    Glob,
}
