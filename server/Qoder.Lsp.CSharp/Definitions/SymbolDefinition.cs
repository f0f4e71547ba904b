namespace Qoder.Lsp.CSharp.Definitions;

/// <summary>
/// A symbol used near the cursor, declared in the workspace's source, rendered for a prompt.
/// </summary>
/// <param name="FilePath">Where it is declared (the first part, for a partial type).</param>
/// <param name="Name">Its name as code would write it: <c>Order</c>, <c>Repository&lt;T&gt;</c>, <c>OrderService.Submit</c>.</param>
/// <param name="Kind">class, record, struct, record struct, interface, enum, delegate or method.</param>
/// <param name="Text">A signature skeleton: declarations and signatures, bodies elided as <c>{ ... }</c>.</param>
public sealed record SymbolDefinition(string FilePath, string Name, string Kind, string Text);
