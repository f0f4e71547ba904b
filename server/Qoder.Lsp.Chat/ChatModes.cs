namespace Qoder.Lsp.Chat;

/// <summary>Wire and settings names of <see cref="ChatMode"/>.</summary>
public static class ChatModes
{
    public static string ToName(ChatMode mode) => mode switch
    {
        ChatMode.Agent => "agent",
        ChatMode.Plan => "plan",
        _ => "ask",
    };

    public static bool TryParse(string? name, out ChatMode mode)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case "ask":
                mode = ChatMode.Ask;
                return true;
            case "agent":
                mode = ChatMode.Agent;
                return true;
            case "plan":
                mode = ChatMode.Plan;
                return true;
            default:
                mode = ChatMode.Ask;
                return false;
        }
    }
}
