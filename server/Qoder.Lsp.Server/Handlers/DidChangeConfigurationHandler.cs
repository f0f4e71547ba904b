using System.Text.Json;
using Qoder.Lsp.Protocol;
using Qoder.Lsp.Server.Rpc;

namespace Qoder.Lsp.Server.Handlers;

/// <summary>
/// Clients either push settings (<c>{"settings": {"qoder": {...}}}</c>) or only signal a change and expect
/// a pull (VS Code sends <c>settings: null</c>); we take a pushed <c>qoder</c> section and otherwise pull.
/// </summary>
internal sealed class DidChangeConfigurationHandler(LanguageServer server) : NotificationHandler<DidChangeConfigurationParams>
{
    public override string Method => LspMethods.DidChangeConfiguration;

    public override void Handle(DidChangeConfigurationParams notification)
    {
        if (notification?.Settings is { ValueKind: JsonValueKind.Object } settings && settings.TryGetProperty("qoder", out var section))
        {
            server.Configuration.SetClientSettings(section);
            return;
        }

        _ = server.PullClientConfigurationAsync();
    }
}
