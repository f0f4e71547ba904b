using Qoder.Lsp.Protocol;

namespace Qoder.Lsp.Server.Handlers.Commands;

/// <summary>The slash commands as they are on disk now, with the files that could not be used.</summary>
internal sealed class CommandsListHandler(LanguageServer server) : ParameterlessRequestHandler<CommandListResult>
{
    public override string Method => QoderMethods.CommandsList;

    public override Task<CommandListResult> HandleAsync(CancellationToken cancellationToken) =>
        Task.Run(() => new CommandListResult
        {
            Commands = [.. server.Commands.List().Select(ContextConversions.ToCommandListItem)],
            Problems = server.Commands.ListProblems(),
        }, cancellationToken);
}
