namespace Qoder.Lsp.Models;

/// <summary>
/// A model provider failed. The message names the role (or tier), the model and the provider, and says why
/// (HTTP status and the server's own error text, a timeout, a broken stream); it is already free of secrets
/// and meant to be shown to the user as is.
/// </summary>
public sealed class ModelProviderException : Exception
{
    public ModelProviderException()
    {
    }

    public ModelProviderException(string message) : base(message)
    {
    }

    public ModelProviderException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public ModelProviderException(string message, string? role, string? provider, string? model, int? statusCode, Exception? innerException)
        : base(message, innerException)
    {
        Role = role;
        Provider = provider;
        Model = model;
        StatusCode = statusCode;
    }

    /// <summary>The role or tier the model served, e.g. <c>chat</c> or <c>tier 'auto'</c>.</summary>
    public string? Role { get; }

    /// <summary>The provider's name in <c>models.providers</c>.</summary>
    public string? Provider { get; }

    public string? Model { get; }

    /// <summary>The HTTP status the provider answered with, when it answered at all.</summary>
    public int? StatusCode { get; }
}
