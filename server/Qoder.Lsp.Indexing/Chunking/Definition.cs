namespace Qoder.Lsp.Indexing.Chunking;

/// <summary>A definition with its zero-based inclusive line scope and nested definitions.</summary>
internal sealed class Definition(string name, string kind, int nameLine, int start, int end)
{
    public string Name { get; } = name;

    public string Kind { get; } = kind;

    public int NameLine { get; } = nameLine;

    public int Start { get; } = start;

    public int End { get; set; } = end;

    public Definition? Parent { get; set; }

    public List<Definition> Children { get; } = [];

    public string QualifiedName => Parent is null ? Name : Parent.QualifiedName + "." + Name;

    public CodeSymbol ToSymbol() => new(Name, Kind, Parent?.QualifiedName, NameLine, End);

    public static IEnumerable<Definition> TopLevel(IEnumerable<Definition> all) => all.Where(definition => definition.Parent is null);

    /// <summary>Links each definition to the innermost one that encloses it; <paramref name="all"/> is in start order.</summary>
    public static List<Definition> Nest(List<Definition> all)
    {
        var open = new Stack<Definition>();
        foreach (var definition in all)
        {
            while (open.Count > 0 && open.Peek().End < definition.Start)
            {
                open.Pop();
            }

            if (open.Count > 0 && definition.End <= open.Peek().End)
            {
                definition.Parent = open.Peek();
                open.Peek().Children.Add(definition);
            }

            open.Push(definition);
        }

        return all;
    }
}
