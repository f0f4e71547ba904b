namespace Qoder.Lsp.Context.Memory;

/// <summary>Who wrote a memory.</summary>
public enum MemorySource
{
    /// <summary>The user asked for it ("remember that …", <c>/memory add</c>, the memory panel).</summary>
    User,

    /// <summary>Extracted from a conversation by <see cref="MemoryLearner"/> (automatic learning).</summary>
    Learned,
}
