namespace Qoder.Lsp.Indexing.Chunking;

/// <summary>
/// Splits a file into chunks along its definitions: C# through Roslyn's syntax tree, other languages
/// through definition patterns with brace or indentation scopes (<see cref="DefinitionScanner"/>). A
/// definition that fits <see cref="IndexingOptions.MaxChunkLines"/> is one chunk; a larger one (a class)
/// is split along its members; small neighbours merge so one-line members do not each cost a chunk.
/// </summary>
public sealed class CodeChunker(IndexingOptions options)
{
    /// <summary>Neighbouring small chunks merge while the result stays within this many lines.</summary>
    private int MergeLines => Math.Max(1, options.MaxChunkLines / 2);

    public ChunkedFile Chunk(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = LineIndex.Split(text);
        var definitions = Path.GetExtension(path).Equals(".cs", StringComparison.OrdinalIgnoreCase)
            ? CSharpDefinitions.Find(text)
            : DefinitionScanner.Find(path, lines);
        var symbols = definitions.Select(definition => definition.ToSymbol()).ToList();
        var pieces = new List<Piece>();
        Cover(lines, 0, lines.Length - 1, Definition.TopLevel(definitions), null, pieces);
        var chunks = new List<CodeChunk>();
        foreach (var piece in Merge(pieces))
        {
            AddWindows(lines, piece, chunks);
        }

        return new ChunkedFile(chunks, symbols);
    }

    private void Cover(string[] lines, int start, int end, IEnumerable<Definition> children, string? container, List<Piece> pieces)
    {
        var cursor = start;
        foreach (var child in children.OrderBy(child => child.Start))
        {
            if (child.Start < cursor || child.End > end)
            {
                continue;
            }

            if (child.Start > cursor)
            {
                pieces.Add(new Piece(cursor, child.Start - 1, container is null ? [] : [container], IsGap: true));
            }

            if (child.End - child.Start + 1 <= options.MaxChunkLines || child.Children.Count == 0)
            {
                pieces.Add(new Piece(child.Start, child.End, [child.QualifiedName], IsGap: false));
            }
            else
            {
                Cover(lines, child.Start, child.End, child.Children, child.QualifiedName, pieces);
            }

            cursor = child.End + 1;
        }

        if (cursor <= end)
        {
            pieces.Add(new Piece(cursor, end, container is null ? [] : [container], IsGap: true));
        }
    }

    private IEnumerable<Piece> Merge(List<Piece> pieces)
    {
        Piece? current = null;
        foreach (var piece in pieces)
        {
            if (current is null)
            {
                current = piece;
            }
            else if (piece.Start == current.End + 1 && piece.End - current.Start + 1 <= MergeLines)
            {
                current = new Piece(current.Start, piece.End, [.. current.Symbols.Concat(piece.Symbols).Distinct()], current.IsGap && piece.IsGap);
            }
            else
            {
                yield return current;
                current = piece;
            }
        }

        if (current is not null)
        {
            yield return current;
        }
    }

    private void AddWindows(string[] lines, Piece piece, List<CodeChunk> chunks)
    {
        var start = piece.Start;
        while (start <= piece.End)
        {
            var builder = new System.Text.StringBuilder();
            var line = start;
            while (line <= piece.End && line - start < options.MaxChunkLines)
            {
                var text = lines[line];
                if (builder.Length > 0 && builder.Length + text.Length > options.MaxChunkChars)
                {
                    break;
                }

                builder.Append(text.Length > options.MaxChunkChars ? text[..options.MaxChunkChars] : text).Append('\n');
                line++;
            }

            var chunkText = builder.ToString();
            // Gaps of braces and blank lines carry nothing worth finding.
            if (chunkText.Any(char.IsLetterOrDigit))
            {
                chunks.Add(new CodeChunk(start, line - 1, chunkText, piece.Symbols));
            }

            start = line;
        }
    }

    private sealed record Piece(int Start, int End, IReadOnlyList<string> Symbols, bool IsGap);
}
