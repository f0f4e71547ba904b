using System.Text;
using Qoder.Lsp.Database.Model;

namespace Qoder.Lsp.Database.Execution;

/// <summary>
/// Splits a script into statements and decides, conservatively, whether each only reads. It tokenizes
/// (strings, quoted identifiers, comments and PostgreSQL dollar quotes are skipped, so <c>'; DROP'</c>
/// inside a literal is text), then allows only SELECT/WITH/VALUES/TABLE/SHOW/DESCRIBE/EXPLAIN and
/// read-only PRAGMAs, with none of the words that make them write (<c>FOR UPDATE</c>, <c>INTO</c>, a
/// data-modifying CTE, a side-effecting function). Anything unknown is a write. The read-only transaction
/// the executor opens is the second line of defence, not the first.
/// </summary>
public static class SqlStatementClassifier
{
    private static readonly HashSet<string> ReadStarts = new(StringComparer.Ordinal)
    {
        "SELECT", "WITH", "VALUES", "TABLE", "SHOW", "DESCRIBE", "DESC", "EXPLAIN", "PRAGMA",
    };

    private static readonly HashSet<string> WriteWords = new(StringComparer.Ordinal)
    {
        "INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT", "REPLACE", "INTO", "CREATE", "DROP", "ALTER", "TRUNCATE", "GRANT", "REVOKE",
        "COPY", "CALL", "EXEC", "EXECUTE", "LOCK", "COMMIT", "ROLLBACK", "BEGIN", "START", "SAVEPOINT", "RELEASE", "SET", "RESET",
        "VACUUM", "ANALYZE", "ANALYSE", "REINDEX", "CLUSTER", "REFRESH", "ATTACH", "DETACH", "HANDLER", "LOAD", "NOTIFY", "LISTEN",
    };

    // Functions that act even inside a read-only transaction (or that a read-only transaction would reject anyway).
    private static readonly HashSet<string> SideEffectFunctions = new(StringComparer.Ordinal)
    {
        "PG_TERMINATE_BACKEND", "PG_CANCEL_BACKEND", "PG_RELOAD_CONF", "PG_ROTATE_LOGFILE", "SET_CONFIG", "NEXTVAL", "SETVAL",
        "LO_IMPORT", "LO_EXPORT", "LO_UNLINK", "LO_CREATE", "LO_FROM_BYTEA", "DBLINK_EXEC", "DBLINK", "PG_ADVISORY_LOCK",
        "PG_ADVISORY_XACT_LOCK", "PG_TRY_ADVISORY_LOCK", "PG_FILE_WRITE", "PG_CREATE_RESTORE_POINT", "PG_SWITCH_WAL",
        "PG_PROMOTE", "PG_LOGICAL_EMIT_MESSAGE", "GET_LOCK", "RELEASE_LOCK", "RELEASE_ALL_LOCKS", "LOAD_FILE", "SYS_EXEC", "SYS_EVAL",
        "LOAD_EXTENSION", "XP_CMDSHELL",
    };

    private static readonly HashSet<string> ReadPragmas = new(StringComparer.Ordinal)
    {
        "TABLE_INFO", "TABLE_XINFO", "INDEX_LIST", "INDEX_INFO", "INDEX_XINFO", "FOREIGN_KEY_LIST",
    };

    public static SqlClassification Classify(string sql, DatabaseDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var statements = new List<SqlStatement>();
        foreach (var (text, words, hasAssignment) in Split(sql, dialect))
        {
            if (words.Count == 0)
            {
                continue;
            }

            statements.Add(ClassifyOne(text, words, hasAssignment));
        }

        if (statements.Count == 0)
        {
            throw new ArgumentException("The SQL contains no statement.");
        }

        return new SqlClassification(statements);
    }

    private static SqlStatement ClassifyOne(string text, List<(string Word, bool FollowedByParen)> words, bool hasAssignment)
    {
        var first = words[0].Word;
        if (!ReadStarts.Contains(first))
        {
            return new SqlStatement(text, first, SqlStatementKind.Write, $"{first} is not a read-only statement");
        }

        if (first == "PRAGMA" && (hasAssignment || (words.Any(w => w.FollowedByParen) && !(words.Count > 1 && ReadPragmas.Contains(words[1].Word)))))
        {
            return new SqlStatement(text, first, SqlStatementKind.Write, "PRAGMA with an argument changes settings");
        }

        for (var i = 1; i < words.Count; i++)
        {
            var (word, call) = words[i];
            if (word == "FOR" && i + 1 < words.Count && words[i + 1].Word is "UPDATE" or "SHARE" or "NO" or "KEY")
            {
                return new SqlStatement(text, first, SqlStatementKind.Write, "SELECT … FOR UPDATE/SHARE takes row locks");
            }

            if (word == "LOCK" && i + 1 < words.Count && words[i + 1].Word == "IN")
            {
                return new SqlStatement(text, first, SqlStatementKind.Write, "LOCK IN SHARE MODE takes row locks");
            }

            if (word == "REPLACE" && call)
            {
                continue; // REPLACE(text, from, to) is a string function
            }

            if (word == "ANALYZE" && first == "EXPLAIN")
            {
                return new SqlStatement(text, first, SqlStatementKind.Write, "EXPLAIN ANALYZE runs the statement");
            }

            if (WriteWords.Contains(word))
            {
                return new SqlStatement(text, first, SqlStatementKind.Write, $"contains {word}");
            }

            if (call && SideEffectFunctions.Contains(word))
            {
                return new SqlStatement(text, first, SqlStatementKind.Write, $"calls {word.ToLowerInvariant()}(), which has side effects");
            }
        }

        return new SqlStatement(text, first, SqlStatementKind.Read, null);
    }

    /// <summary>Statements with their unquoted words (upper case; whether a '(' follows) and whether a top-level '=' occurs.</summary>
    private static List<(string Text, List<(string Word, bool FollowedByParen)> Words, bool HasAssignment)> Split(string sql, DatabaseDialect dialect)
    {
        var result = new List<(string, List<(string, bool)>, bool)>();
        var words = new List<(string, bool)>();
        var start = 0;
        var hasAssignment = false;
        var backslashEscapes = dialect is DatabaseDialect.MySql or DatabaseDialect.MariaDb;
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-' || c == '#' && backslashEscapes)
            {
                i = EndOfLine(sql, i);
            }
            else if (c == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? sql.Length : end + 2;
            }
            else if (c is '\'' or '"' or '`')
            {
                i = EndOfQuoted(sql, i, c, backslashEscapes && c != '`');
            }
            else if (c == '[' && dialect == DatabaseDialect.SqlServer)
            {
                var end = sql.IndexOf(']', i + 1);
                i = end < 0 ? sql.Length : end + 1;
            }
            else if (c == '$' && dialect == DatabaseDialect.PostgreSql && DollarTag(sql, i) is { } tag)
            {
                var end = sql.IndexOf(tag, i + tag.Length, StringComparison.Ordinal);
                i = end < 0 ? sql.Length : end + tag.Length;
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var wordStart = i;
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] is '_' or '$'))
                {
                    i++;
                }

                var next = i;
                while (next < sql.Length && char.IsWhiteSpace(sql[next]))
                {
                    next++;
                }

                words.Add((sql[wordStart..i].ToUpperInvariant(), next < sql.Length && sql[next] == '('));
            }
            else if (c == ';')
            {
                result.Add((sql[start..i].Trim(), words, hasAssignment));
                words = [];
                hasAssignment = false;
                start = ++i;
            }
            else
            {
                if (c == '=' || c == ':' && i + 1 < sql.Length && sql[i + 1] == '=')
                {
                    hasAssignment = true;
                }

                i++;
            }
        }

        result.Add((sql[start..].Trim(), words, hasAssignment));
        return result;
    }

    private static int EndOfLine(string sql, int i)
    {
        var end = sql.IndexOf('\n', i);
        return end < 0 ? sql.Length : end + 1;
    }

    private static int EndOfQuoted(string sql, int open, char quote, bool backslashEscapes)
    {
        for (var i = open + 1; i < sql.Length; i++)
        {
            if (backslashEscapes && sql[i] == '\\')
            {
                i++;
            }
            else if (sql[i] == quote)
            {
                if (i + 1 < sql.Length && sql[i + 1] == quote)
                {
                    i++; // doubled quote
                    continue;
                }

                return i + 1;
            }
        }

        return sql.Length;
    }

    private static string? DollarTag(string sql, int i)
    {
        var builder = new StringBuilder("$");
        for (var j = i + 1; j < sql.Length; j++)
        {
            var c = sql[j];
            if (c == '$')
            {
                return builder.Append('$').ToString();
            }

            if (!(char.IsLetterOrDigit(c) || c == '_') || (j == i + 1 && char.IsDigit(c)))
            {
                return null;
            }

            builder.Append(c);
        }

        return null;
    }
}
