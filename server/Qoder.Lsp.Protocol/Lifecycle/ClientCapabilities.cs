using System.Text.Json;

namespace Qoder.Lsp.Protocol;

/// <summary>The part of the client's capabilities we act on; the rest is ignored.</summary>
public sealed record ClientCapabilities
{
    public WorkspaceClientCapabilities? Workspace { get; init; }
    public WindowClientCapabilities? Window { get; init; }
    public GeneralClientCapabilities? General { get; init; }
    /// <summary><c>experimental.qoder</c> announces support for our server→client extensions (see <see cref="QoderClientCapabilities"/>).</summary>
    public ExperimentalClientCapabilities? Experimental { get; init; }
}
