namespace Qoder.Lsp.Chat;

/// <summary>What a chat turn may do: Ask answers read-only; Agent and Plan get tools and edits (a later issue plugs them in).</summary>
public enum ChatMode
{
    Ask,
    Agent,
    Plan,
}
