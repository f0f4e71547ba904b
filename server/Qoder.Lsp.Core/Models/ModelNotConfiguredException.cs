namespace Qoder.Lsp.Core.Models;

/// <summary>A feature needs a model for a role that has none. The message is shown to the user as is.</summary>
public sealed class ModelNotConfiguredException : Exception
{
    public ModelNotConfiguredException(ModelRole role)
        : base($"No model is configured for '{ModelRoles.ToConfigName(role)}'. Set QODER_OPENAI_BASE_URL and QODER_CHAT_MODEL (or QODER_COMPLETION_MODEL), or add models.roles.{ModelRoles.ToConfigName(role)} to ~/.qoder/settings.json; run 'qoder-lsp doctor' to check.")
    {
        Role = role;
    }

    public ModelNotConfiguredException(string message) : base(message)
    {
    }

    public ModelNotConfiguredException() : base("No model is configured.")
    {
    }

    public ModelNotConfiguredException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public ModelRole? Role { get; }
}
