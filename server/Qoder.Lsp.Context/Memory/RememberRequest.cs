namespace Qoder.Lsp.Context.Memory;

/// <summary>What a chat message asked to remember (see <see cref="MemoryCommands.TryParseRemember"/>).</summary>
/// <param name="Scope">
/// <see cref="MemoryScope.Global"/> only when the message says so ("globally", "for all projects", <c>--global</c>);
/// otherwise <see cref="MemoryScope.Project"/>, which the caller turns into global when no project is open.
/// </param>
public sealed record RememberRequest(string Content, MemoryScope Scope);
