namespace Qoder.Lsp.Core.Models;

public static class ModelRoles
{
    public static string ToConfigName(ModelRole role) => role switch
    {
        ModelRole.Completion => "completion",
        ModelRole.NextEdit => "nextEdit",
        ModelRole.Chat => "chat",
        ModelRole.Agent => "agent",
        ModelRole.Embeddings => "embeddings",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public static IReadOnlyList<ModelRole> All { get; } = Enum.GetValues<ModelRole>();
}
