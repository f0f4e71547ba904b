using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Qoder.Lsp.Database.Model;
using Qoder.Lsp.Database.Rendering;

namespace Qoder.Lsp.Database.Generation;

/// <summary>
/// Natural language → SQL for the query console and inline chat in .sql files: the relevant part of the
/// schema (rendered DDL with the dialect line) goes to the chat model with the instruction, the SQL is
/// taken from the answer's code block, and its identifiers are checked against the catalog.
/// </summary>
public static partial class SqlGenerator
{
    public static async Task<GeneratedSql> GenerateAsync(
        IChatClient chat, DbCatalog catalog, SchemaRendering schema, string instruction, string? selection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(schema);
        if (string.IsNullOrWhiteSpace(instruction))
        {
            throw new ArgumentException("instruction is required.");
        }

        var dialect = DatabaseDialects.Name(catalog.Dialect);
        var system = $"""
            You write {dialect} SQL. Use only the tables and columns defined in the schema below; never invent names.
            Answer with exactly one ```sql code block and nothing else. If the request cannot be met with this schema,
            answer with a ```sql block holding only a -- comment that says why.

            {schema.Ddl}
            """;
        var user = selection is { Length: > 0 }
            ? $"Current SQL (the user's selection):\n```sql\n{selection}\n```\n\nInstruction: {instruction}"
            : instruction;
        var response = await chat.GetResponseAsync(
            [new ChatMessage(ChatRole.System, system), new ChatMessage(ChatRole.User, user)],
            new ChatOptions { Temperature = 0 },
            cancellationToken).ConfigureAwait(false);
        var sql = ExtractSql(response.Text);
        return new GeneratedSql(sql, SqlIdentifierValidator.FindUnknown(sql, catalog), schema.Tables);
    }

    /// <summary>The first ```sql (or unlabelled) code block of the answer, or the whole answer when it has none.</summary>
    internal static string ExtractSql(string answer)
    {
        var block = CodeBlock().Match(answer);
        return (block.Success ? block.Groups["code"].Value : answer).Trim();
    }

    [GeneratedRegex(@"```(?:sql|SQL|[a-z]*)?[ \t]*\r?\n(?<code>.*?)```", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex CodeBlock();
}
