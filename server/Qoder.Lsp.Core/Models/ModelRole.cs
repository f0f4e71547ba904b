namespace Qoder.Lsp.Core.Models;

/// <summary>What a model is used for. Wire/config names are the camelCase forms (see <see cref="ModelRoles"/>).</summary>
public enum ModelRole
{
    Completion,
    NextEdit,
    Chat,
    Agent,
    Embeddings,
}
