namespace Qoder.Lsp.Context.Memory;

/// <summary>Where a memory applies: everywhere (personal preferences) or in one project.</summary>
public enum MemoryScope
{
    /// <summary>The user's own memories, used in every project (the product's "global"/"personal").</summary>
    Global,

    /// <summary>Used only in the project whose root the memory names.</summary>
    Project,
}
