using Qoder.Lsp.Core.Text;

namespace Qoder.Lsp.NextEdit;

/// <summary>Where the editor should go first to show a suggestion ("Tab to jump").</summary>
public sealed record NextEditLocation(string Uri, LinePosition Position);
