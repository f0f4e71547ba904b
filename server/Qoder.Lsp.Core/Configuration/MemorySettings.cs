using System.Text.Json.Serialization;

namespace Qoder.Lsp.Core.Configuration;

/// <summary><c>memory</c>: long-term memories (product docs: user-guide-knowledge-engine-memory.md, en-cli-memory.md).</summary>
public sealed record MemorySettings
{
    /// <summary>Relevant memories go into chat prompts. Off, memories are still kept and listed but never injected.</summary>
    [JsonPropertyName("enabled")]
    public bool Enabled { get; init; } = true;

    /// <summary>
    /// Learn memories from conversations with the chat model after each turn. Off by default: it costs a model call per
    /// turn and stores what the user did not ask to store (the CLI's auto-memory is opt-in too).
    /// </summary>
    [JsonPropertyName("autoLearn")]
    public bool AutoLearn { get; init; }

    /// <summary>Most memories injected into one prompt.</summary>
    [JsonPropertyName("maxInjected")]
    public int MaxInjected { get; init; } = 8;

    /// <summary>Most characters of memories injected into one prompt.</summary>
    [JsonPropertyName("maxInjectedChars")]
    public int MaxInjectedChars { get; init; } = 4_000;
}
