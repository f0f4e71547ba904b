namespace Qoder.Lsp.Chat;

/// <summary>The request cannot be served as asked (unknown session, oversized attachment, image to a text-only model…); the message is for the user and nothing was changed.</summary>
public sealed class ChatRequestException(string message) : Exception(message);
