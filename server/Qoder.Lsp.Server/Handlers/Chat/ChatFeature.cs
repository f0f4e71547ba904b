using Qoder.Lsp.Chat;
using Qoder.Lsp.Chat.Inline;
using Qoder.Lsp.Chat.Sessions;
using Qoder.Lsp.Chat.Turns;
using Microsoft.Extensions.Logging;
using Qoder.Lsp.Core.Configuration;
using Qoder.Lsp.Core.Models;

namespace Qoder.Lsp.Server.Handlers.Chat;

/// <summary>
/// The session's chat: history in <c>~/.qoder/chat.db</c> (opened on the first chat request, so sessions that never
/// chat never touch it), the turn engine, inline chat, and the model each mode uses under the current settings.
/// </summary>
internal sealed class ChatFeature
{
    /// <summary>When settings do not give a window, assume a small one: compacting early is cheaper than a rejected prompt.</summary>
    private const int DefaultContextWindow = 32_768;

    private readonly LanguageServer _server;
    private readonly Lazy<ChatService> _service;

    public ChatFeature(LanguageServer server, string databasePath, TimeProvider time)
    {
        _server = server;
        Environment = new ServerChatEnvironment(server);
        _service = new Lazy<ChatService>(() => new ChatService(new ChatSessionStore(databasePath, time), Environment, time));
        Inline = new InlineChatService(Environment);
    }

    public ServerChatEnvironment Environment { get; }

    public ChatService Service => _service.Value;

    public ChatSessionStore Sessions => Service.Sessions;

    public InlineChatService Inline { get; }

    public ChatTurnOptions Options
    {
        get
        {
            var chat = _server.Configuration.Current.Settings.Chat;
            return new ChatTurnOptions(chat.ResponseLanguage, chat.CompactSuggestionRatio, chat.AutoCompactRatio);
        }
    }

    public ChatMode DefaultMode => ChatModes.TryParse(_server.Configuration.Current.Settings.Chat.DefaultMode, out var mode) ? mode : ChatMode.Ask;

    /// <summary>
    /// <c>memory.autoLearn</c>: after a turn, the model picks what is worth remembering, in the background; a failure
    /// there is logged and never touches the turn the user already has.
    /// </summary>
    public void LearnInBackground(ChatModel model, string message, string reply)
    {
        if (!_server.Memory.Settings.AutoLearn)
        {
            return;
        }

        var projectRoot = Environment.WorkspaceRoots.FirstOrDefault();
        _ = Task.Run(async () =>
        {
            try
            {
                var learned = await _server.Memory.Learner.LearnAsync(model.Client, message, reply, projectRoot, _server.Lifecycle.ShutdownToken).ConfigureAwait(false);
                _server.Logger.LogDebug("Learned {Count} memories from a chat turn", learned.Count);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                _server.Logger.LogWarning("Could not learn memories from a chat turn: {Message}", ex.Message);
            }
        });
    }

    /// <summary>The model for a turn: the request's choice, else <c>chat.models.&lt;mode&gt;</c>, else the chat (or agent) role.</summary>
    public ChatModel ResolveModel(ChatMode mode, string? requested)
    {
        var settings = _server.Configuration.Current.Settings;
        var name = !string.IsNullOrWhiteSpace(requested) ? requested.Trim()
            : settings.Chat.Models.TryGetValue(ChatModes.ToName(mode), out var configured) && !string.IsNullOrWhiteSpace(configured) ? configured.Trim()
            : null;
        var role = mode == ChatMode.Agent ? ModelRole.Agent : ModelRole.Chat;
        var models = _server.Configuration.Models;
        var client = name is null ? models.GetChatClient(role) : models.GetChatClientForTier(name);
        var model = name is null ? RoleSettings(settings.Models, role) : NamedSettings(settings.Models, name);
        var window = model?.ContextWindow is > 0 ? model.ContextWindow.Value : DefaultContextWindow;
        var output = model?.MaxOutputTokens is > 0 ? Math.Min(model.MaxOutputTokens.Value, window / 2) : Math.Min(4_096, window / 4);
        var modelName = model?.Model ?? name ?? ModelRoles.ToConfigName(role);
        return new ChatModel(client, modelName, window, output, model?.SupportsImages ?? GuessImageSupport(modelName));
    }

    private static ModelSettings? RoleSettings(ModelsSettings models, ModelRole role) =>
        models.Roles.GetValueOrDefault(ModelRoles.ToConfigName(role)) ?? models.Roles.GetValueOrDefault(ModelRoles.ToConfigName(ModelRole.Chat));

    private static ModelSettings? NamedSettings(ModelsSettings models, string name) =>
        models.Tiers.FirstOrDefault(tier => string.Equals(tier.Key, name, StringComparison.OrdinalIgnoreCase)).Value
        ?? models.Roles.Values.Concat(models.Tiers.Values).FirstOrDefault(model => string.Equals(model.Model?.Trim(), name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Multimodal families by name; <c>supportsImages</c> in the model's settings overrides the guess.</summary>
    private static bool GuessImageSupport(string model)
    {
        var name = model.ToLowerInvariant();
        string[] multimodal = ["gpt-4o", "gpt-4.1", "gpt-5", "o3", "o4", "claude-3", "claude-sonnet", "claude-opus", "claude-haiku", "gemini", "-vl", "vision", "llava", "pixtral", "qwen3-vl", "qwen2.5-vl"];
        return multimodal.Any(name.Contains);
    }
}
