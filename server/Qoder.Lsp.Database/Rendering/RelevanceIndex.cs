using System.Globalization;
using System.Text;
using Qoder.Lsp.Database.Model;

namespace Qoder.Lsp.Database.Rendering;

/// <summary>
/// An inverted index from words to tables, built once per catalog (and metadata), so choosing the tables
/// a question needs costs a few dictionary look-ups even for 10,000 tables. Words come from table names
/// (weighted most), annotation labels and descriptions, comments, and column names and notes; snake_case
/// and camelCase are split, plurals folded, CJK text indexed as character bigrams. Rare words weigh more
/// (idf), so "id" or "created_at" in every table do not drown the table the question names.
/// </summary>
public sealed class RelevanceIndex
{
    private const double TableNameWeight = 10;
    private const double AnnotationWeight = 6;
    private const double CommentWeight = 4;
    private const double ColumnNameWeight = 3;
    private const double ColumnNoteWeight = 1.5;
    private const double NeighbourFactor = 0.5;

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "of", "for", "with", "by", "and", "or", "in", "on", "to", "from", "is", "are", "was", "were", "be", "me", "my", "i",
        "that", "this", "these", "those", "have", "has", "had", "their", "its", "it", "show", "list", "all", "each", "per", "how", "many",
        "what", "which", "who", "whose", "get", "find", "give", "return", "select", "query", "sql", "table", "tables", "please", "write",
        "where", "when", "than", "more", "less", "most", "do", "does", "did", "not", "no", "any", "some", "at", "as", "into", "about",
    };

    private readonly DbTable[] _tables;
    private readonly Dictionary<string, List<(int Table, double Weight)>> _postings = new(StringComparer.Ordinal);
    private readonly int[][] _neighbours;

    public RelevanceIndex(DbCatalog catalog, DbMetadata? metadata)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _tables = [.. catalog.AllTables];
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < _tables.Length; i++)
        {
            positions[_tables[i].QualifiedName] = i;
        }

        var neighbours = _tables.Select(_ => new HashSet<int>()).ToArray();
        for (var i = 0; i < _tables.Length; i++)
        {
            var table = _tables[i];
            var weights = new Dictionary<string, double>(StringComparer.Ordinal);
            Add(weights, table.Name, TableNameWeight);
            var annotation = metadata?.Find(table.Schema, table.Name);
            Add(weights, annotation?.Label, AnnotationWeight);
            Add(weights, annotation?.Description, AnnotationWeight);
            Add(weights, table.Comment, CommentWeight);
            foreach (var column in table.Columns)
            {
                Add(weights, column.Name, ColumnNameWeight);
                Add(weights, column.Comment, ColumnNoteWeight);
                if (annotation?.Columns.GetValueOrDefault(column.Name) is { } note)
                {
                    Add(weights, note.Label, ColumnNoteWeight * 2);
                    Add(weights, note.Description, ColumnNoteWeight);
                }
            }

            foreach (var (word, weight) in weights)
            {
                if (!_postings.TryGetValue(word, out var list))
                {
                    _postings[word] = list = [];
                }

                list.Add((i, weight));
            }

            foreach (var foreignKey in table.ForeignKeys)
            {
                if (positions.TryGetValue(foreignKey.ReferencedQualifiedName, out var target) && target != i)
                {
                    neighbours[i].Add(target);
                    neighbours[target].Add(i);
                }
            }
        }

        _neighbours = [.. neighbours.Select(set => set.Order().ToArray())];
    }

    public int TableCount => _tables.Length;

    /// <summary>Tables with a positive score for <paramref name="question"/>, best first (ties by name); foreign-key neighbours of matches score half their best neighbour.</summary>
    public IReadOnlyList<(DbTable Table, double Score)> Rank(string question, Predicate<DbTable>? candidate = null) =>
        [.. RankPositions(question, candidate is null ? null : position => candidate(_tables[position])).Select(hit => (_tables[hit.Position], hit.Score))];

    /// <summary><see cref="Rank"/> by position in <see cref="DbCatalog.AllTables"/> order.</summary>
    internal List<(int Position, double Score)> RankPositions(string question, Func<int, bool>? candidate)
    {
        var direct = new Dictionary<int, double>();
        var words = Words(question).Distinct(StringComparer.Ordinal).ToList();
        foreach (var word in words)
        {
            if (!_postings.TryGetValue(word, out var postings))
            {
                continue;
            }

            var idf = Math.Log(1 + (double)_tables.Length / postings.Count);
            foreach (var (table, weight) in postings)
            {
                direct[table] = direct.GetValueOrDefault(table) + (weight * idf);
            }
        }

        var scores = new Dictionary<int, double>(direct);
        foreach (var (table, score) in direct)
        {
            foreach (var neighbour in _neighbours[table])
            {
                var inherited = score * NeighbourFactor;
                if (scores.GetValueOrDefault(neighbour) < inherited)
                {
                    scores[neighbour] = inherited;
                }
            }
        }

        // Tables are indexed in catalog order (schema, then name), so the index breaks ties by name.
        var ranked = new List<(int Position, double Score)>(scores.Count);
        foreach (var (position, score) in scores)
        {
            if (score > 0 && (candidate is null || candidate(position)))
            {
                ranked.Add((position, score));
            }
        }

        ranked.Sort((a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Position.CompareTo(b.Position));
        return ranked;
    }

    private static void Add(Dictionary<string, double> weights, string? text, double weight)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        foreach (var word in Words(text))
        {
            if (weights.GetValueOrDefault(word) < weight)
            {
                weights[word] = weight;
            }
        }
    }

    /// <summary>Lower-case words: whole identifiers, their snake/camel parts, singular forms; CJK runs as bigrams.</summary>
    internal static IEnumerable<string> Words(string text)
    {
        var results = new List<string>();
        var current = new StringBuilder();
        var cjk = new StringBuilder();
        foreach (var c in text + " ")
        {
            if (IsCjk(c))
            {
                FlushWord();
                cjk.Append(c);
            }
            else if (char.IsLetterOrDigit(c) || c == '_')
            {
                FlushCjk();
                current.Append(c);
            }
            else
            {
                FlushWord();
                FlushCjk();
            }
        }

        return results;

        void FlushWord()
        {
            if (current.Length == 0)
            {
                return;
            }

            var identifier = current.ToString();
            current.Clear();
            AddWord(identifier.ToLowerInvariant());
            var parts = SplitIdentifier(identifier);
            if (parts.Count > 1)
            {
                foreach (var part in parts)
                {
                    AddWord(part);
                }
            }
        }

        void FlushCjk()
        {
            if (cjk.Length == 0)
            {
                return;
            }

            var run = cjk.ToString();
            cjk.Clear();
            if (run.Length == 1)
            {
                results.Add(run);
            }

            for (var i = 0; i + 1 < run.Length; i++)
            {
                results.Add(run.Substring(i, 2));
            }
        }

        void AddWord(string word)
        {
            if (word.Length < 2 || StopWords.Contains(word))
            {
                return;
            }

            results.Add(Singular(word));
        }
    }

    private static List<string> SplitIdentifier(string identifier)
    {
        var parts = new List<string>();
        var part = new StringBuilder();
        for (var i = 0; i < identifier.Length; i++)
        {
            var c = identifier[i];
            if (c == '_' || (char.IsUpper(c) && part.Length > 0 && (char.IsLower(identifier[i - 1]) || (i + 1 < identifier.Length && char.IsLower(identifier[i + 1])))))
            {
                Flush();
                if (c == '_')
                {
                    continue;
                }
            }

            part.Append(char.ToLowerInvariant(c));
        }

        Flush();
        return parts;

        void Flush()
        {
            if (part.Length > 0)
            {
                parts.Add(part.ToString());
                part.Clear();
            }
        }
    }

    private static string Singular(string word)
    {
        if (word.Length > 4 && word.EndsWith("ies", StringComparison.Ordinal))
        {
            return word[..^3] + "y";
        }

        if (word.Length > 4 && (word.EndsWith("sses", StringComparison.Ordinal) || word.EndsWith("xes", StringComparison.Ordinal) || word.EndsWith("ches", StringComparison.Ordinal) || word.EndsWith("shes", StringComparison.Ordinal)))
        {
            return word[..^2];
        }

        if (word.Length > 3 && word[^1] == 's' && word[^2] is not 's' and not 'u' and not 'i')
        {
            return word[..^1];
        }

        return word;
    }

    private static bool IsCjk(char c)
    {
        var category = CharUnicodeInfo.GetUnicodeCategory(c);
        return c >= '\u2E80' && category == UnicodeCategory.OtherLetter;
    }
}
