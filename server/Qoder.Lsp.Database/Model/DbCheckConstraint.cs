namespace Qoder.Lsp.Database.Model;

/// <summary>A CHECK constraint; <see cref="Expression"/> is the condition without the <c>CHECK</c> keyword and outer parentheses.</summary>
public sealed record DbCheckConstraint(string? Name, string Expression);
