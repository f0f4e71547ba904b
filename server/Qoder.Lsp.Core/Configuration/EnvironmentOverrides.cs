using System.Text.Json.Nodes;

namespace Qoder.Lsp.Core.Configuration;

/// <summary>
/// The quick-start variables: <c>QODER_OPENAI_BASE_URL=http://localhost:11434/v1 QODER_CHAT_MODEL=qwen2.5-coder qoder-lsp</c>
/// works with no settings file. They become a provider named <see cref="ProviderName"/> and point the
/// completion/chat roles at it; other keys of those roles (temperature, contextWindow...) still come from the files.
/// </summary>
public static class EnvironmentOverrides
{
    public const string ProviderName = "env";
    public const string BaseUrlVariable = "QODER_OPENAI_BASE_URL";
    public const string ApiKeyVariable = "QODER_OPENAI_API_KEY";
    public const string CompletionModelVariable = "QODER_COMPLETION_MODEL";
    public const string ChatModelVariable = "QODER_CHAT_MODEL";

    public static IReadOnlyList<string> Variables { get; } =
        [BaseUrlVariable, ApiKeyVariable, CompletionModelVariable, ChatModelVariable];

    /// <summary>The settings layer the variables describe, or null when none is set (empty counts as unset).</summary>
    public static JsonObject? Build(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var baseUrl = Read(environment, BaseUrlVariable);
        var apiKey = Read(environment, ApiKeyVariable);
        var completionModel = Read(environment, CompletionModelVariable);
        var chatModel = Read(environment, ChatModelVariable);
        if (baseUrl is null && apiKey is null && completionModel is null && chatModel is null)
        {
            return null;
        }

        // The provider exists even with only a model variable set, so the roles never point at
        // nothing: without a base URL it is OpenAI's own endpoint.
        var provider = new JsonObject { ["type"] = ProviderTypes.OpenAI };
        if (baseUrl is not null)
        {
            provider["baseUrl"] = baseUrl;
        }

        if (apiKey is not null)
        {
            provider["apiKey"] = apiKey;
        }

        var models = new JsonObject { ["providers"] = new JsonObject { [ProviderName] = provider } };
        var roles = new JsonObject();
        if (completionModel is not null)
        {
            roles["completion"] = new JsonObject { ["provider"] = ProviderName, ["model"] = completionModel };
        }

        if (chatModel is not null)
        {
            roles["chat"] = new JsonObject { ["provider"] = ProviderName, ["model"] = chatModel };
        }

        if (roles.Count > 0)
        {
            models["roles"] = roles;
        }

        return new JsonObject { ["models"] = models };
    }

    private static string? Read(Func<string, string?> environment, string name)
    {
        var value = environment(name)?.Trim();

        // Values from the environment are literal: a key that happens to contain ${env:...} must not be expanded.
        return string.IsNullOrEmpty(value) ? null : EnvironmentReferences.Escape(value);
    }
}
