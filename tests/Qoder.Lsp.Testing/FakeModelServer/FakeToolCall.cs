namespace Qoder.Lsp.Testing;

/// <summary>A function call the fake model asks for; <see cref="ArgumentsJson"/> is streamed in pieces like real servers do.</summary>
public sealed record FakeToolCall(string Id, string Name, string ArgumentsJson);
