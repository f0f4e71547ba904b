using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FindSymbols;
using Microsoft.CodeAnalysis.Text;
using Qoder.Lsp.Core.Text;
using Qoder.Lsp.CSharp;
using Qoder.Lsp.NextEdit.History;
using LinePosition = Qoder.Lsp.Core.Text.LinePosition;
using TextDocument = Qoder.Lsp.Core.Text.TextDocument;

namespace Qoder.Lsp.NextEdit.Signature;

/// <summary>
/// Follows a parameter added to or removed from a C# method or constructor (<see cref="SignatureChangeDetector"/>)
/// through the solution: resolves the member in the solution as it was before the change, and updates each call site
/// that binds to it (invocations, <c>new T(...)</c>, <c>this(...)</c>/<c>base(...)</c>, a primary constructor's
/// <c>: Base(...)</c>; method groups are left alone)
/// and each override or implementation below it (never the base or interface member the user's member overrides).
/// </summary>
/// <remarks>
/// An added required parameter gets a placeholder argument at its position: the parameter's name when a local,
/// parameter or field of that name (and a compatible type) is in scope at the call, otherwise <c>default</c>; when the
/// arguments from there on are named, a named argument at the end. An added optional parameter needs no argument, but
/// positional arguments after it would now bind to it, so they are named. A removed parameter's argument (positional
/// or named) goes with its comma. A call that no longer binds to the old member (already updated) is left alone.
/// </remarks>
public static class CSharpSignatureChangePredictor
{
    /// <summary>
    /// The change and its sites (the edited document's first, then by path), or null when the recent steps are no
    /// signature change, or Roslyn cannot tell (the workspace is not loaded, the document is in no project, the
    /// member binds to no symbol). The sites may be empty: nothing calls or overrides the member.
    /// </summary>
    /// <param name="recentSteps">The edited document's latest steps, oldest first.</param>
    public static async Task<SignatureChangePrediction?> PredictAsync(
        IReadOnlyList<EditStep> recentSteps, TextDocument current, CSharpWorkspace workspace, IReadOnlyList<TextDocument> openDocuments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recentSteps);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(openDocuments);
        var solution = workspace.CurrentSolution;
        var path = DocumentUris.TryGetLocalPath(current.Uri);
        if (solution is null || path is null || recentSteps.Count == 0 || recentSteps[^1].Version != current.Version)
        {
            return null;
        }

        var documentIds = solution.GetDocumentIdsWithFilePath(path);
        if (documentIds.IsEmpty)
        {
            return null;
        }

        var text = await solution.GetDocument(documentIds[0])!.GetTextAsync(cancellationToken).ConfigureAwait(false);
        if (!string.Equals(text.ToString(), current.Text, StringComparison.Ordinal))
        {
            // The workspace applies open documents' changes as they arrive; this only covers a lag or a file it did not have.
            solution = solution.WithDocumentText(documentIds, SourceText.From(current.Text), PreservationMode.PreserveIdentity);
        }

        var tree = await solution.GetDocument(documentIds[0])!.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false);
        if (tree is null || SignatureChangeDetector.Detect(recentSteps, current, tree, cancellationToken) is not { } change)
        {
            return null;
        }

        // The solution before the change: the member's old signature, so its callers and overrides still bind to it.
        var before = solution.WithDocumentText(documentIds, change.TextBefore, PreservationMode.PreserveIdentity);
        var document = before.GetDocument(documentIds[0])!;
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null || root.FindToken(change.OpenParen).Parent is not ParameterListSyntax declared
            || DeclaredMember(declared, model, cancellationToken) is not { } member
            || !member.Locations.Any(location => location.IsInSource) || FollowsFrameworkContract(member))
        {
            return null;
        }

        var downstream = await DownstreamAsync(member, before, cancellationToken).ConfigureAwait(false);
        var affected = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default) { member.OriginalDefinition };
        affected.UnionWith(downstream.Select(method => method.OriginalDefinition));
        var writer = new SiteWriter(change, path, current, openDocuments);
        var sites = new List<(string Path, int Start, SignatureChangeSite Site)>();
        var seen = new HashSet<(string Path, int Start, int End)>();
        var added = change.Kind == SignatureChangeKind.ParameterAdded ? SyntaxFactory.ParseParameterList("(" + change.ParameterText + ")").Parameters.Single() : null;

        foreach (var (callTree, spans) in await ReferenceSpansAsync(affected, before, cancellationToken).ConfigureAwait(false))
        {
            if (before.GetDocument(callTree) is not { } callDocument || string.IsNullOrEmpty(callTree.FilePath)
                || await callDocument.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false) is not { } callModel)
            {
                continue;
            }

            var callRoot = await callTree.GetRootAsync(cancellationToken).ConfigureAwait(false);
            var callPath = Path.GetFullPath(callTree.FilePath);
            foreach (var (span, bound) in spans.OrderBy(entry => entry.Key.Start))
            {
                if (CallAt(callRoot, span) is not { } call || !seen.Add((callPath, call.SpanStart, call.Span.End))
                    || CallSiteEdits(change, added, call, bound, IsReducedExtensionCall(bound, call, callModel, cancellationToken), callModel, cancellationToken) is not { Count: > 0 } edits
                    || await writer.WriteAsync(callDocument, callPath, SignatureSiteKind.CallSite, edits, cancellationToken).ConfigureAwait(false) is not { } site)
                {
                    continue;
                }

                sites.Add((callPath, call.SpanStart, site));
            }
        }

        foreach (var method in downstream)
        {
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                if (await reference.GetSyntaxAsync(cancellationToken).ConfigureAwait(false) is not MethodDeclarationSyntax { ParameterList: var list } overriding
                    || list.Parameters.Count != member.Parameters.Length || string.IsNullOrEmpty(overriding.SyntaxTree.FilePath)
                    || before.GetDocument(overriding.SyntaxTree) is not { } overridingDocument)
                {
                    continue;
                }

                var overridingPath = Path.GetFullPath(overriding.SyntaxTree.FilePath);
                var items = list.Parameters.Select(parameter => parameter.Span).ToList();
                IReadOnlyList<(TextSpan, string)> edits = change.Kind == SignatureChangeKind.ParameterAdded
                    ? [Insertion(items, change.Ordinal, list.OpenParenToken.Span.End, change.ParameterText)]
                    : [.. Removal(items, new HashSet<int> { change.Ordinal }).Select(span => (span, ""))];
                if (seen.Add((overridingPath, list.SpanStart, list.Span.End))
                    && await writer.WriteAsync(overridingDocument, overridingPath, SignatureSiteKind.Override, edits, cancellationToken).ConfigureAwait(false) is { } site)
                {
                    sites.Add((overridingPath, list.SpanStart, site));
                }
            }
        }

        return new SignatureChangePrediction(change, [.. sites
            .OrderBy(site => DocumentUris.PathComparer.Equals(site.Path, path) ? 0 : 1)
            .ThenBy(site => site.Path, StringComparer.Ordinal)
            .ThenBy(site => site.Start)
            .Select(site => site.Site)]);
    }

    /// <summary>The method or constructor that <paramref name="list"/> declares the parameters of; for a type's list, its primary constructor.</summary>
    private static IMethodSymbol? DeclaredMember(ParameterListSyntax list, SemanticModel model, CancellationToken cancellationToken) => list.Parent switch
    {
        BaseMethodDeclarationSyntax method => model.GetDeclaredSymbol(method, cancellationToken) as IMethodSymbol,

        // A record also has a copy constructor declared by the same syntax: the primary one has exactly these parameters.
        TypeDeclarationSyntax type => (model.GetDeclaredSymbol(type, cancellationToken) as INamedTypeSymbol)?.InstanceConstructors.FirstOrDefault(constructor =>
            constructor.DeclaringSyntaxReferences.Any(reference => reference.SyntaxTree == type.SyntaxTree && reference.Span.Contains(list.Span))
            && constructor.Parameters.Select(parameter => parameter.Name).SequenceEqual(list.Parameters.Select(parameter => parameter.Identifier.ValueText))),
        _ => null,
    };

    /// <summary>
    /// The member overrides or implements a member declared in metadata (<c>ToString</c>, <c>IDisposable.Dispose</c>):
    /// its callers bind through that contract, which the user's edit cannot change, so nothing follows it.
    /// </summary>
    private static bool FollowsFrameworkContract(IMethodSymbol member)
    {
        for (var overridden = member.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
        {
            if (!overridden.Locations.Any(location => location.IsInSource))
            {
                return true;
            }
        }

        if (member.ExplicitInterfaceImplementations.Any(implemented => !implemented.Locations.Any(location => location.IsInSource)))
        {
            return true;
        }

        return member.MethodKind == MethodKind.Ordinary && member.DeclaredAccessibility == Accessibility.Public
            && member.ContainingType.AllInterfaces.Any(contract => contract.GetMembers(member.Name).OfType<IMethodSymbol>().Any(implemented =>
                !implemented.Locations.Any(location => location.IsInSource)
                && SymbolEqualityComparer.Default.Equals(member.ContainingType.FindImplementationForInterfaceMember(implemented), member)));
    }

    /// <summary>Overrides of a virtual or abstract member and implementations of an interface member, and theirs in turn; declared in source.</summary>
    private static async Task<List<IMethodSymbol>> DownstreamAsync(IMethodSymbol member, Solution solution, CancellationToken cancellationToken)
    {
        var found = new List<IMethodSymbol>();
        var seen = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default) { member.OriginalDefinition };
        var pending = new Queue<IMethodSymbol>([member]);
        while (pending.TryDequeue(out var method))
        {
            if (method.MethodKind != MethodKind.Ordinary && method.MethodKind != MethodKind.ExplicitInterfaceImplementation)
            {
                continue;
            }

            IEnumerable<ISymbol> next = method.ContainingType.TypeKind == TypeKind.Interface
                ? await SymbolFinder.FindImplementationsAsync(method, solution, cancellationToken: cancellationToken).ConfigureAwait(false)
                : method.IsVirtual || method.IsAbstract || method.IsOverride
                    ? await SymbolFinder.FindOverridesAsync(method, solution, cancellationToken: cancellationToken).ConfigureAwait(false)
                    : [];
            foreach (var symbol in next.OfType<IMethodSymbol>())
            {
                if (symbol.Locations.Any(location => location.IsInSource) && seen.Add(symbol.OriginalDefinition))
                {
                    found.Add(symbol);
                    pending.Enqueue(symbol);
                }
            }
        }

        return found;
    }

    /// <summary>
    /// The places that bind to one of the affected members, by tree, with that member; one search covers the members it
    /// cascades to. A place where overload resolution failed (a call already updated to the new signature) is not one:
    /// the search bound every place already, so no call is bound again here (that would double the cost).
    /// </summary>
    private static async Task<Dictionary<SyntaxTree, Dictionary<TextSpan, IMethodSymbol>>> ReferenceSpansAsync(
        HashSet<IMethodSymbol> affected, Solution solution, CancellationToken cancellationToken)
    {
        var spans = new Dictionary<SyntaxTree, Dictionary<TextSpan, IMethodSymbol>>();
        var searched = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var symbol in affected)
        {
            if (searched.Contains(symbol))
            {
                continue;
            }

            foreach (var referenced in await SymbolFinder.FindReferencesAsync(symbol, solution, cancellationToken).ConfigureAwait(false))
            {
                searched.Add(referenced.Definition.OriginalDefinition);
                if (referenced.Definition.OriginalDefinition is not IMethodSymbol definition || !affected.Contains(definition))
                {
                    continue;
                }

                foreach (var reference in referenced.Locations)
                {
                    // Implicit ones too: a target-typed `new(...)` names no type; the call check drops the rest
                    // (an implicit base() call, a collection initializer's Add).
                    if (!reference.IsCandidateLocation && reference.Location is { IsInSource: true, SourceTree: { } tree })
                    {
                        if (!spans.TryGetValue(tree, out var inTree))
                        {
                            spans[tree] = inTree = [];
                        }

                        inTree[reference.Location.SourceSpan] = definition;
                    }
                }
            }
        }

        return spans;
    }

    /// <summary>
    /// The call whose callee is named at <paramref name="span"/>: an invocation, an object creation or a constructor
    /// initializer. Null for a method group (passed as an argument, assigned, in <c>nameof</c>) or anything else.
    /// </summary>
    private static SyntaxNode? CallAt(SyntaxNode root, TextSpan span)
    {
        for (var node = root.FindNode(span, getInnermostNodeForTie: true); node is not null; node = node.Parent)
        {
            switch (node)
            {
                case InvocationExpressionSyntax invocation:
                    return invocation.Expression.Span.Contains(span) ? invocation : null;
                case BaseObjectCreationExpressionSyntax creation:
                    return creation.ArgumentList?.Span.Contains(span) == true || creation.Initializer?.Span.Contains(span) == true ? null : creation;
                case ConstructorInitializerSyntax initializer:
                    return initializer.ArgumentList.Span.Contains(span) ? null : initializer;
                case PrimaryConstructorBaseTypeSyntax baseType:
                    return baseType.ArgumentList.Span.Contains(span) ? null : baseType;
                case ArgumentListSyntax or StatementSyntax or MemberDeclarationSyntax or LambdaExpressionSyntax or AttributeSyntax:
                    return null;
            }
        }

        return null;
    }

    /// <summary>An extension method called on its receiver (<c>order.Discounted(0.1m)</c>), not as a static method (<c>OrderExtensions.Discounted(order, 0.1m)</c>).</summary>
    private static bool IsReducedExtensionCall(IMethodSymbol method, SyntaxNode call, SemanticModel model, CancellationToken cancellationToken) =>
        method.IsExtensionMethod && call is InvocationExpressionSyntax invocation && invocation.Expression switch
        {
            MemberBindingExpressionSyntax => true,
            MemberAccessExpressionSyntax access => model.GetSymbolInfo(access.Expression, cancellationToken).Symbol is not (ITypeSymbol or INamespaceSymbol),
            _ => false,
        };

    /// <summary>The replacements (in the call's text) that make the call fit the new signature; null when it cannot be done safely.</summary>
    /// <param name="bound">The member the call binds to (its parameters name the arguments), as declared.</param>
    /// <param name="reduced">An extension method called on its receiver: the receiver is its first argument.</param>
    private static List<(TextSpan Span, string Text)>? CallSiteEdits(
        SignatureChange change, ParameterSyntax? added, SyntaxNode call, IMethodSymbol bound, bool reduced, SemanticModel model, CancellationToken cancellationToken)
    {
        var arguments = call switch
        {
            InvocationExpressionSyntax invocation => invocation.ArgumentList,
            BaseObjectCreationExpressionSyntax creation => creation.ArgumentList,
            ConstructorInitializerSyntax initializer => initializer.ArgumentList,
            PrimaryConstructorBaseTypeSyntax baseType => baseType.ArgumentList,
            _ => null,
        };

        // A reduced extension call passes the `this` parameter as its receiver, outside the argument list.
        var parameters = bound.Parameters;
        var receiver = reduced ? 1 : 0;
        var args = arguments?.Arguments ?? default;
        var ordinals = new int[args.Count];
        for (var j = 0; j < args.Count; j++)
        {
            if (args[j].NameColon is { } nameColon)
            {
                ordinals[j] = parameters.IndexOf(parameters.FirstOrDefault(parameter => parameter.Name == nameColon.Name.Identifier.ValueText)!);
            }
            else
            {
                var position = j + receiver;
                ordinals[j] = position < parameters.Length ? position : parameters.Length > 0 && parameters[^1].IsParams ? parameters.Length - 1 : -1;
            }

            if (ordinals[j] < 0)
            {
                return null;
            }
        }

        var items = args.Select(argument => argument.Span).ToList();
        if (change.Kind == SignatureChangeKind.ParameterRemoved)
        {
            if (change.Ordinal < receiver)
            {
                return null;
            }

            var removed = Enumerable.Range(0, args.Count).Where(j => ordinals[j] == change.Ordinal).ToHashSet();
            return [.. Removal(items, removed).Select(span => (span, ""))];
        }

        var ordinal = change.Ordinal;
        var shifted = Enumerable.Range(0, args.Count).Where(j => args[j].NameColon is null && ordinals[j] >= ordinal).ToList();
        if (change.IsOptional)
        {
            // No argument needed; positional ones after it would now bind to it, so they are named. An expanded params
            // argument cannot be named: that call is left for the user.
            if (shifted.Any(j => parameters[ordinals[j]].IsParams))
            {
                return null;
            }

            return [.. shifted.Select(j => (new TextSpan(args[j].SpanStart, 0), parameters[ordinals[j]].Name + ": "))];
        }

        var name = change.ParameterName;
        var placeholder = Placeholder(added!, model, arguments?.OpenParenToken.Span.End ?? call.SpanStart, cancellationToken);
        if (arguments is null)
        {
            // `new T { ... }` without parentheses: the constructor had no parameter before.
            return call is ObjectCreationExpressionSyntax creation
                ? [(new TextSpan(creation.Type.Span.End, 0), $"({(ordinal == 0 ? placeholder : name + ": " + placeholder)})")]
                : null;
        }

        var openEnd = arguments.OpenParenToken.Span.End;
        if (shifted.Count > 0)
        {
            return [(new TextSpan(args[shifted[0]].SpanStart, 0), placeholder + ", ")];
        }

        if (args.All(argument => argument.NameColon is null) && args.Count + receiver == ordinal)
        {
            return [args.Count == 0 ? (new TextSpan(openEnd, 0), placeholder) : (new TextSpan(args[^1].Span.End, 0), ", " + placeholder)];
        }

        return [args.Count == 0 ? (new TextSpan(openEnd, 0), $"{name}: {placeholder}") : (new TextSpan(args[^1].Span.End, 0), $", {name}: {placeholder}")];
    }

    /// <summary>
    /// The argument for a new parameter: its name when a variable of that name and a compatible type is in scope
    /// (for <c>out</c>, a discard otherwise; <c>ref</c> needs a variable, so the name stays for the user to supply),
    /// otherwise <c>default</c>.
    /// </summary>
    private static string Placeholder(ParameterSyntax parameter, SemanticModel model, int position, CancellationToken cancellationToken)
    {
        var name = parameter.Identifier.ValueText;
        var inScope = VariableInScope(name, parameter.Type, model, position, cancellationToken);
        if (parameter.Modifiers.Any(SyntaxKind.OutKeyword))
        {
            return inScope ? "out " + name : "out _";
        }

        if (parameter.Modifiers.Any(SyntaxKind.RefKeyword))
        {
            return "ref " + name;
        }

        return inScope ? name : "default";
    }

    private static bool VariableInScope(string name, TypeSyntax? type, SemanticModel model, int position, CancellationToken cancellationToken)
    {
        // Usually nothing is called so: then the binding below is not needed (it is the costlier part per call site).
        var candidates = model.LookupSymbols(position, name: name);
        if (candidates.IsEmpty)
        {
            return false;
        }

        var enclosing = model.GetEnclosingSymbol(position, cancellationToken);
        while (enclosing is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
        {
            enclosing = enclosing.ContainingSymbol;
        }

        var isStaticContext = enclosing?.IsStatic ?? false;
        var target = type is null ? null : model.GetSpeculativeTypeInfo(position, type, SpeculativeBindingOption.BindAsTypeOrNamespace).Type;
        if (target is { TypeKind: TypeKind.Error })
        {
            target = null;
        }

        foreach (var symbol in candidates)
        {
            var symbolType = symbol switch
            {
                // A local is in scope in its whole block, but usable only after its declaration.
                ILocalSymbol local when local.DeclaringSyntaxReferences.All(reference => reference.Span.End <= position) => local.Type,
                IParameterSymbol parameter => parameter.Type,
                IFieldSymbol field when field.IsStatic || !isStaticContext => field.Type,
                _ => null,
            };
            if (symbolType is not null && (target is null || model.Compilation.ClassifyConversion(symbolType, target).IsImplicit))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Where to insert <paramref name="item"/> so it becomes the <paramref name="index"/>th of the comma-separated <paramref name="items"/>.</summary>
    private static (TextSpan Span, string Text) Insertion(IReadOnlyList<TextSpan> items, int index, int openParenEnd, string item) =>
        index < items.Count ? (new TextSpan(items[index].Start, 0), item + ", ")
        : items.Count == 0 ? (new TextSpan(openParenEnd, 0), item)
        : (new TextSpan(items[^1].End, 0), ", " + item);

    /// <summary>The text to delete so the items at <paramref name="removed"/> go with their separating commas (and the space after them).</summary>
    private static List<TextSpan> Removal(IReadOnlyList<TextSpan> items, IReadOnlySet<int> removed)
    {
        var spans = new List<TextSpan>();
        var trailing = items.Count;
        while (trailing > 0 && removed.Contains(trailing - 1))
        {
            trailing--;
        }

        for (var j = 0; j < trailing; j++)
        {
            if (removed.Contains(j))
            {
                // Up to the next item: its comma and the whitespace before the next item.
                Add(TextSpan.FromBounds(items[j].Start, items[j + 1].Start));
            }
        }

        if (trailing < items.Count)
        {
            // The last items: from the end of the item before them, taking the comma before.
            Add(TextSpan.FromBounds(trailing > 0 ? items[trailing - 1].End : items[trailing].Start, items[^1].End));
        }

        return spans;

        void Add(TextSpan span)
        {
            if (spans.Count > 0 && spans[^1].End == span.Start)
            {
                spans[^1] = TextSpan.FromBounds(spans[^1].Start, span.End);
            }
            else
            {
                spans.Add(span);
            }
        }
    }

    /// <summary>Turns replacements in the old solution's text into edits of what the client has.</summary>
    private sealed class SiteWriter(SignatureChange change, string editedPath, TextDocument current, IReadOnlyList<TextDocument> openDocuments)
    {
        private readonly Dictionary<string, TextDocument> _open = openDocuments
            .Select(document => (Path: DocumentUris.TryGetLocalPath(document.Uri), Document: document))
            .Where(entry => entry.Path is not null)
            .GroupBy(entry => entry.Path!, DocumentUris.PathComparer)
            .ToDictionary(group => group.Key, group => group.First().Document, DocumentUris.PathComparer);

        public async Task<SignatureChangeSite?> WriteAsync(
            Document document, string path, SignatureSiteKind kind, IReadOnlyList<(TextSpan Span, string Text)> replacements, CancellationToken cancellationToken)
        {
            var edits = new List<NextEditTextEdit>();
            if (DocumentUris.PathComparer.Equals(path, editedPath))
            {
                foreach (var (span, text) in replacements)
                {
                    if (change.MapToCurrent(span.Start) is not { } start || change.MapToCurrent(span.End) is not { } end)
                    {
                        return null;
                    }

                    edits.Add(new NextEditTextEdit(current.Uri, current.Version, new LineRange(current.PositionOf(start), current.PositionOf(end)), text));
                }

                return new SignatureChangeSite(current.Uri, kind, edits);
            }

            var source = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
            if (_open.TryGetValue(path, out var open))
            {
                // An open document's ranges must refer to the version the client has; skip it if Roslyn lags behind.
                if (!string.Equals(source.ToString(), open.Text, StringComparison.Ordinal))
                {
                    return null;
                }

                edits.AddRange(replacements.Select(replacement =>
                    new NextEditTextEdit(open.Uri, open.Version, new LineRange(open.PositionOf(replacement.Span.Start), open.PositionOf(replacement.Span.End)), replacement.Text)));
                return new SignatureChangeSite(open.Uri, kind, edits);
            }

            var uri = DocumentUris.ToFileUri(path);
            edits.AddRange(replacements.Select(replacement =>
                new NextEditTextEdit(uri, null, new LineRange(PositionIn(source, replacement.Span.Start), PositionIn(source, replacement.Span.End)), replacement.Text)));
            return new SignatureChangeSite(uri, kind, edits);
        }

        private static LinePosition PositionIn(SourceText text, int offset)
        {
            var position = text.Lines.GetLinePosition(offset);
            return new LinePosition(position.Line, position.Character);
        }
    }
}
