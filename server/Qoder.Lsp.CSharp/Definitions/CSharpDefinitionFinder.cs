using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using Qoder.Lsp.CSharp.Workspace;

namespace Qoder.Lsp.CSharp.Definitions;

/// <summary>
/// Completion context for C#: the definitions of the symbols used near the cursor that are declared in the workspace's
/// own source, rendered as signature skeletons, nearest use first. Runs per completion request, so it stays cheap:
/// one document's semantic model, symbol lookups only for the few names around the cursor, and Roslyn's caches for
/// everything else; a request that cannot finish within the time budget gets nothing rather than a late answer.
/// </summary>
public sealed class CSharpDefinitionFinder
{
    /// <summary>Long enough for a warm workspace (a few ms), short enough that a cold one never delays completion noticeably.</summary>
    public static readonly TimeSpan DefaultTimeBudget = TimeSpan.FromMilliseconds(150);

    /// <summary>Lines above the cursor whose names count as "near" (what was just written)…</summary>
    internal const int LinesBefore = 3;

    /// <summary>…and below it (what the completion must fit in front of).</summary>
    internal const int LinesAfter = 2;

    /// <summary>Names looked up per request: each lookup binds code, and more names than this are rarely near enough to matter.</summary>
    internal const int MaxNamesLookedUp = 48;

    /// <summary>How deep generic arguments are followed: <c>Dictionary&lt;string, List&lt;Order&gt;&gt;</c> finds Order.</summary>
    private const int MaxTypeArgumentDepth = 2;

    private readonly CSharpWorkspace _workspace;
    private readonly TimeProvider _time;
    private readonly TimeSpan _timeBudget;
    private readonly CursorBinder _binder;

    /// <summary>Requests answered by re-binding only the edited method body (the per-keystroke fast path).</summary>
    internal int ReusedModelCount => _binder.ReuseCount;

    public CSharpDefinitionFinder(CSharpWorkspace workspace, TimeProvider time, TimeSpan? timeBudget = null)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(time);
        _workspace = workspace;
        _time = time;
        _timeBudget = timeBudget ?? DefaultTimeBudget;
        _binder = new CursorBinder();
    }

    /// <summary>
    /// The definitions for a cursor at <paramref name="offset"/> (UTF-16) in <paramref name="text"/>, whose total
    /// <see cref="SymbolDefinition.Text"/> length is at most <paramref name="maxChars"/>. Empty when the workspace is not
    /// loaded yet, the file is not C#, nothing near the cursor is declared in source, or the time budget ran out.
    /// Throws only <see cref="OperationCanceledException"/>, when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public async Task<IReadOnlyList<SymbolDefinition>> FindDefinitionsAsync(
        string filePath, string text, int offset, int maxChars, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filePath);
        ArgumentNullException.ThrowIfNull(text);
        if (maxChars <= 0 || WorkspacePaths.TryGetLocalPath(filePath) is not { } path || !WorkspacePaths.IsCSharpFile(path))
        {
            return [];
        }

        using var timeout = new CancellationTokenSource(_timeBudget, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            if (_workspace.DocumentWithText(path, text) is not { } document)
            {
                return [];
            }

            var symbols = await FindSymbolsAsync(document, text, Math.Clamp(offset, 0, text.Length), linked.Token).ConfigureAwait(false);
            return Render(symbols, maxChars, linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return [];
        }
        catch (Exception exception) when (exception is not OperationCanceledException and not OutOfMemoryException)
        {
            // Roslyn on broken or exotic code: completion goes on without this context rather than failing.
            return [];
        }
    }

    private async Task<List<ISymbol>> FindSymbolsAsync(Document document, string text, int offset, CancellationToken cancellationToken)
    {
        if (await _binder.BindAsync(document, text, offset, cancellationToken).ConfigureAwait(false) is not { } binding)
        {
            return [];
        }

        var root = binding.Root;
        var sourceText = binding.Text;
        var cursorLine = sourceText.Lines.GetLineFromPosition(offset).LineNumber;
        var window = TextSpan.FromBounds(
            sourceText.Lines[Math.Max(0, cursorLine - LinesBefore)].Start,
            sourceText.Lines[Math.Min(sourceText.Lines.Count - 1, cursorLine + LinesAfter)].End);

        // What the cursor is inside of is already in the prompt (the text around the cursor); showing it again wastes budget.
        var excluded = binding.Enclosing.ToHashSet(SymbolEqualityComparer.Default);
        var enclosingType = binding.Enclosing.OfType<INamedTypeSymbol>().FirstOrDefault();

        var names = root.DescendantNodes(window)
            .OfType<SimpleNameSyntax>()
            .Where(name => window.IntersectsWith(name.Span) && !name.IsMissing)
            .Select(name => (Name: name, Line: sourceText.Lines.GetLineFromPosition(name.SpanStart).LineNumber))
            .OrderBy(entry => Math.Abs(entry.Line - cursorLine))
            .ThenBy(entry => Math.Abs(entry.Name.SpanStart - offset))
            .Take(MaxNamesLookedUp);

        var found = new List<ISymbol>();
        var seen = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var (name, _) in names)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (binding.SymbolOf(name, cancellationToken) is { } symbol)
            {
                foreach (var target in Targets(symbol))
                {
                    Add(target);
                }
            }
        }

        // The enclosing type's base types and interfaces: what `override`, `base.` and the members being implemented refer to.
        if (enclosingType is not null)
        {
            if (enclosingType.BaseType is { } baseType)
            {
                foreach (var target in TypeTargets(baseType, 0))
                {
                    Add(target);
                }
            }

            foreach (var target in enclosingType.Interfaces.SelectMany(type => TypeTargets(type, 0)))
            {
                Add(target);
            }
        }

        // A method whose type is shown anyway is in that type's skeleton.
        var types = found.OfType<INamedTypeSymbol>().ToHashSet(SymbolEqualityComparer.Default);
        return [.. found.Where(symbol => symbol is not IMethodSymbol method || !types.Contains(method.ContainingType.OriginalDefinition))];

        void Add(ISymbol symbol)
        {
            var definition = symbol.OriginalDefinition;
            if (!excluded.Contains(definition) && IsDeclaredInSource(definition) && seen.Add(definition))
            {
                found.Add(definition);
            }
        }
    }

    /// <summary>What a name near the cursor makes worth showing: a variable's type, a called method, a created type.</summary>
    private static IEnumerable<ISymbol> Targets(ISymbol symbol) => symbol switch
    {
        IAliasSymbol alias => Targets(alias.Target),
        ITypeSymbol type => TypeTargets(type, 0),
        IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor or MethodKind.Destructor } constructor => TypeTargets(constructor.ContainingType, 0),
        IMethodSymbol { MethodKind: MethodKind.LocalFunction or MethodKind.AnonymousFunction } => [],
        IMethodSymbol method => [method.ReducedFrom ?? method],
        ILocalSymbol local => TypeTargets(local.Type, 0),
        IParameterSymbol parameter => TypeTargets(parameter.Type, 0),
        IFieldSymbol { ContainingType.TypeKind: TypeKind.Enum } enumValue => [enumValue.ContainingType],
        IFieldSymbol field => TypeTargets(field.Type, 0),
        IPropertySymbol property => TypeTargets(property.Type, 0),
        IEventSymbol eventSymbol => TypeTargets(eventSymbol.Type, 0),
        _ => [],
    };

    private static IEnumerable<ISymbol> TypeTargets(ITypeSymbol type, int depth)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                foreach (var target in TypeTargets(array.ElementType, depth))
                {
                    yield return target;
                }

                break;
            case IPointerTypeSymbol pointer:
                foreach (var target in TypeTargets(pointer.PointedAtType, depth))
                {
                    yield return target;
                }

                break;
            case INamedTypeSymbol named:
                if (named.IsTupleType)
                {
                    foreach (var target in named.TupleElements.SelectMany(element => TypeTargets(element.Type, depth)))
                    {
                        yield return target;
                    }

                    break;
                }

                if (named.OriginalDefinition.SpecialType != SpecialType.System_Nullable_T)
                {
                    yield return named.OriginalDefinition;
                }

                if (depth < MaxTypeArgumentDepth)
                {
                    foreach (var target in named.TypeArguments.SelectMany(argument => TypeTargets(argument, depth + 1)))
                    {
                        yield return target;
                    }
                }

                break;
        }
    }

    private static bool IsDeclaredInSource(ISymbol symbol) =>
        symbol.DeclaringSyntaxReferences.Length > 0 && symbol.Locations.Any(location => location.IsInSource)
        && symbol is INamedTypeSymbol { TypeKind: not TypeKind.Error } or IMethodSymbol;

    private static List<SymbolDefinition> Render(List<ISymbol> symbols, int maxChars, CancellationToken cancellationToken)
    {
        var result = new List<SymbolDefinition>();
        var remaining = maxChars;
        foreach (var symbol in symbols)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Render(symbol, cancellationToken) is not { } definition)
            {
                continue;
            }

            // A definition too big for what is left gives way to smaller, less near ones rather than being cut mid-line.
            if (definition.Text.Length <= remaining)
            {
                result.Add(definition);
                remaining -= definition.Text.Length;
            }
        }

        return result;
    }

    private static SymbolDefinition? Render(ISymbol symbol, CancellationToken cancellationToken)
    {
        var reference = symbol.DeclaringSyntaxReferences[0];
        var syntax = reference.GetSyntax(cancellationToken);
        var filePath = reference.SyntaxTree.FilePath;
        switch (symbol, syntax)
        {
            case (INamedTypeSymbol type, BaseTypeDeclarationSyntax declaration):
                var parts = symbol.DeclaringSyntaxReferences.Select(part => part.GetSyntax(cancellationToken)).OfType<BaseTypeDeclarationSyntax>();
                return new SymbolDefinition(
                    filePath, type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat), KindOf(type),
                    string.Join('\n', parts.Select(SignatureSkeleton.RenderType)));
            case (INamedTypeSymbol type, DelegateDeclarationSyntax declaration):
                return new SymbolDefinition(filePath, type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat), "delegate", SignatureSkeleton.RenderDelegate(declaration));
            case (IMethodSymbol method, BaseMethodDeclarationSyntax declaration):
                return new SymbolDefinition(filePath, $"{method.ContainingType.Name}.{method.Name}", "method", SignatureSkeleton.RenderMethod(declaration));
            default:
                return null;
        }
    }

    private static string KindOf(INamedTypeSymbol type) => type.TypeKind switch
    {
        TypeKind.Class when type.IsRecord => "record",
        TypeKind.Struct when type.IsRecord => "record struct",
        TypeKind.Class => "class",
        TypeKind.Struct => "struct",
        TypeKind.Interface => "interface",
        TypeKind.Enum => "enum",
        TypeKind.Delegate => "delegate",
        _ => "type",
    };
}
