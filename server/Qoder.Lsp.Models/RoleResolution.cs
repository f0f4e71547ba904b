using Qoder.Lsp.Core.Models;

namespace Qoder.Lsp.Models;

/// <summary>
/// What a role resolved to: a model, or why not (<see cref="Problem"/> is a configuration mistake to show the user;
/// both null means simply not configured). <see cref="Note"/> explains a fallback, e.g. agent served by the chat model.
/// </summary>
internal sealed record RoleResolution(ModelRole Role, ResolvedModel? Model, string? Problem, string? Note);
