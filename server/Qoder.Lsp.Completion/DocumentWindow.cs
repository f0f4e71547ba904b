using Qoder.Lsp.Core.Text;

namespace Qoder.Lsp.Completion;

/// <summary>Where a <see cref="CompletionInput.Text"/> that is only a window lies: it starts at <paramref name="Start"/> in <paramref name="Document"/>.</summary>
public sealed record DocumentWindow(TextDocument Document, int Start);
