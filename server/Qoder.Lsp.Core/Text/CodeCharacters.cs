namespace Qoder.Lsp.Core.Text;

/// <summary>
/// The characters of one line of C-like code that are code: string and character literals (<c>"</c>, <c>'</c>,
/// <c>`</c>, with backslash escapes) and a trailing <c>//</c> comment are skipped. Good enough to count brackets or
/// find a statement's <c>;</c> without a parser; allocation-free (<c>foreach (var c in new CodeCharacters(line))</c>).
/// </summary>
public ref struct CodeCharacters
{
    private readonly ReadOnlySpan<char> _line;
    private int _index;

    public CodeCharacters(ReadOnlySpan<char> line)
    {
        _line = line;
        _index = -1;
    }

    public readonly char Current => _line[_index];

    public readonly CodeCharacters GetEnumerator() => this;

    public bool MoveNext()
    {
        while (++_index < _line.Length)
        {
            var c = _line[_index];
            if (c is '"' or '\'' or '`')
            {
                SkipLiteral(c);
            }
            else if (c == '/' && _index + 1 < _line.Length && _line[_index + 1] == '/')
            {
                _index = _line.Length;
                return false;
            }
            else
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Moves to the literal's closing quote (or the line's end when it is not closed on this line).</summary>
    private void SkipLiteral(char quote)
    {
        while (++_index < _line.Length)
        {
            var c = _line[_index];
            if (c == '\\')
            {
                _index++;
            }
            else if (c == quote)
            {
                return;
            }
        }
    }
}
