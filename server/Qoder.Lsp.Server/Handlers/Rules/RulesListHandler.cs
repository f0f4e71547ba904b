using Qoder.Lsp.Protocol;

namespace Qoder.Lsp.Server.Handlers.Rules;

/// <summary>The rule files as they are on disk now (the catalog re-scans; parsed files are cached by mtime and size).</summary>
internal sealed class RulesListHandler(LanguageServer server) : ParameterlessRequestHandler<RuleListResult>
{
    public override string Method => QoderMethods.RulesList;

    public override Task<RuleListResult> HandleAsync(CancellationToken cancellationToken) =>
        Task.Run(() => new RuleListResult { Rules = [.. server.Rules.List().Select(ContextConversions.ToRuleListItem)] }, cancellationToken);
}
