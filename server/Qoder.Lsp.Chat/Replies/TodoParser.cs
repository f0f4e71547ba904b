using System.Text.RegularExpressions;

namespace Qoder.Lsp.Chat.Replies;

/// <summary>
/// The to-do list of a Plan-mode reply: its top-level numbered items (<c>1.</c>, <c>2)</c>) or task-list items
/// (<c>- [ ]</c>, <c>- [x]</c>), outside code blocks; sub-items stay part of their step.
/// </summary>
public static partial class TodoParser
{
    public static IReadOnlyList<ChatTodo> Parse(string reply)
    {
        var todos = new List<ChatTodo>();
        var inCode = false;
        foreach (var line in reply.Split('\n'))
        {
            var trimmed = line.TrimEnd('\r');
            if (trimmed.TrimStart().StartsWith("```", StringComparison.Ordinal) || trimmed.TrimStart().StartsWith("~~~", StringComparison.Ordinal))
            {
                inCode = !inCode;
                continue;
            }

            if (inCode)
            {
                continue;
            }

            if (TaskItem().Match(trimmed) is { Success: true } task)
            {
                todos.Add(new ChatTodo(todos.Count, Clean(task.Groups["text"].Value), task.Groups["mark"].Value is "x" or "X"));
            }
            else if (NumberedItem().Match(trimmed) is { Success: true } numbered)
            {
                todos.Add(new ChatTodo(todos.Count, Clean(numbered.Groups["text"].Value), Done: false));
            }
        }

        return todos;
    }

    private static string Clean(string text) => text.Trim().Replace("**", string.Empty, StringComparison.Ordinal);

    [GeneratedRegex(@"^[-*+]\s+\[(?<mark>[ xX])\]\s+(?<text>\S.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex TaskItem();

    [GeneratedRegex(@"^\d{1,3}[.)]\s+(?<text>\S.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberedItem();
}
