using Qoder.Lsp.Core.Work;
using Qoder.Lsp.Protocol;
using Qoder.Lsp.Server;
using Qoder.Lsp.Server.Handlers;

namespace Qoder.Lsp.Tests.Server;

/// <summary>Test-only methods that exercise the server's plumbing (cancellation, errors, client requests) before real features use it.</summary>
internal static class FakeRequestHandlers
{
    public static void AddTo(LanguageServer server, FakeHandlerProbe probe)
    {
        server.AddHandler(new SlowHandler(probe));
        server.AddHandler(new SupersedingHandler(probe));
        server.AddHandler(new FailingHandler());
        server.AddHandler(new TypedHandler());
        server.AddHandler(new ClientHelpersHandler(server));
        server.AddHandler(new ConfirmHandler(server));
        server.AddHandler(new ProgressHandler(server, probe));
    }

    public sealed record Empty;

    private sealed class SlowHandler(FakeHandlerProbe probe) : RequestHandler<Empty?, string>
    {
        public override string Method => "test/slow";

        public override async Task<string> HandleAsync(Empty? request, CancellationToken cancellationToken)
        {
            probe.Started.Release();
            using var observe = cancellationToken.Register(() => probe.ObservedCancellation.TrySetResult());
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            return "never";
        }
    }

    private sealed class SupersedingHandler(FakeHandlerProbe probe) : RequestHandler<Empty?, string>
    {
        private readonly SupersedingWork _work = new();

        public override string Method => "test/superseding";

        public override async Task<string> HandleAsync(Empty? request, CancellationToken cancellationToken)
        {
            using var ticket = _work.Start("document", cancellationToken);
            probe.Started.Release();
            try
            {
                await probe.Release.Task.WaitAsync(ticket.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                ticket.ThrowIfCancelled();
                throw;
            }

            return "finished";
        }
    }

    public sealed record Counted(int Count);

    private sealed class TypedHandler : RequestHandler<Counted, int>
    {
        public override string Method => "test/typed";

        public override Task<int> HandleAsync(Counted request, CancellationToken cancellationToken) => Task.FromResult(request.Count);
    }

    /// <summary>Calls applyEdit, showDocument and showMessageRequest and reports what each returned.</summary>
    private sealed class ClientHelpersHandler(LanguageServer server) : RequestHandler<Empty?, string>
    {
        public override string Method => "test/clientHelpers";

        public override async Task<string> HandleAsync(Empty? request, CancellationToken cancellationToken)
        {
            var range = new Protocol.Range(new Position(0, 0), new Position(0, 1));
            var edit = new WorkspaceEdit { Changes = new Dictionary<string, IReadOnlyList<TextEdit>> { ["file:///a.txt"] = [new TextEdit(range, "X")] } };
            var applied = await server.Client.ApplyEditAsync("Rename", edit, cancellationToken).ConfigureAwait(false);
            var shown = await server.Client.ShowDocumentAsync(new ShowDocumentParams { Uri = "file:///a.txt", Selection = range }, cancellationToken).ConfigureAwait(false);
            var picked = await server.Client.ShowMessageRequestAsync(MessageType.Info, "Apply?", [new MessageActionItem("Yes"), new MessageActionItem("No")], cancellationToken).ConfigureAwait(false);
            return $"applied={applied.Applied} shown={shown} picked={picked?.Title ?? "none"}";
        }
    }

    private sealed class FailingHandler : RequestHandler<Empty?, string>
    {
        public override string Method => "test/fail";

        public override Task<string> HandleAsync(Empty? request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("the provider said: bad key sk-test-SECRET-0123456789");
    }

    private sealed class ConfirmHandler(LanguageServer server) : RequestHandler<Empty?, string>
    {
        public override string Method => "test/confirm";

        public override Task<string> HandleAsync(Empty? request, CancellationToken cancellationToken) =>
            server.Client.ConfirmAsync(new ConfirmParams { Kind = "sqlWrite", Title = "Run UPDATE?", Message = "UPDATE users SET name = 'x'" }, cancellationToken);
    }

    private sealed class ProgressHandler(LanguageServer server, FakeHandlerProbe probe) : RequestHandler<Empty?, string>
    {
        public override string Method => "test/progress";

        public override async Task<string> HandleAsync(Empty? request, CancellationToken cancellationToken)
        {
            await using var progress = await server.Client.BeginProgressAsync("Indexing", clientToken: null, cancellable: true, cancellationToken).ConfigureAwait(false);
            await progress.ReportAsync("half way", 50).ConfigureAwait(false);
            probe.Started.Release();
            try
            {
                await probe.Release.Task.WaitAsync(progress.Token).ConfigureAwait(false);
                await progress.EndAsync("done").ConfigureAwait(false);
                return "done";
            }
            catch (OperationCanceledException)
            {
                await progress.EndAsync("cancelled").ConfigureAwait(false);
                return "cancelled";
            }
        }
    }
}
