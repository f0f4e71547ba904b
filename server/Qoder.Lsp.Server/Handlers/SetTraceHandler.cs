using System.Text.Json;
using Qoder.Lsp.Server.Rpc;

namespace Qoder.Lsp.Server.Handlers;

/// <summary>Accepted so clients that send it get no MethodNotFound noise; our tracing is --log-level.</summary>
internal sealed class SetTraceHandler : NotificationHandler<JsonElement?>
{
    public override string Method => LspMethods.SetTrace;

    public override void Handle(JsonElement? notification)
    {
    }
}
