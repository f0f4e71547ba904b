using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;
using Qoder.Lsp.Core.Configuration;

namespace Qoder.Lsp.Context.Memory;

/// <summary>
/// Automatic learning (<c>memory.autoLearn</c>, off by default): after a chat turn, asks the model whether the exchange
/// holds something worth remembering across sessions (the CLI's four kinds: user preferences, feedback on how to work,
/// project background, references) and stores what is new. Most turns yield nothing, which is the expected answer.
/// </summary>
public sealed class MemoryLearner
{
    /// <summary>At most this many memories from one turn; more would mean the model is summarising, not remembering.</summary>
    public const int MaxPerTurn = 3;

    /// <summary>How much of the user message and of the reply the extraction prompt carries.</summary>
    private const int MaxExcerptChars = 6_000;

    internal const string Instructions = """
        You maintain a coding assistant's long-term memory. Read the exchange below and decide whether it contains
        information that will still be useful in FUTURE sessions: the user's lasting preferences or habits (category
        "user"), corrections or confirmations of how the assistant should work ("feedback"), project background or
        constraints that cannot be read from the code ("project"), or locations of external systems and documents
        ("reference"). Do not store temporary task state, facts already obvious from the code, anything secret
        (passwords, keys, tokens), or things already in the known memories. Most exchanges contain nothing to store.
        Answer with JSON only, no prose:
        {"memories":[{"content":"one self-contained sentence","category":"user|feedback|project|reference","scope":"global|project"}]}
        Use scope "global" only for personal preferences that apply to every project. Answer {"memories":[]} when
        there is nothing to store.
        """;

    private readonly MemoryStore _store;
    private readonly Func<MemorySettings> _settings;

    /// <param name="settings">Read on every call, so switching <c>memory.autoLearn</c> off takes effect at once.</param>
    public MemoryLearner(MemoryStore store, Func<MemorySettings> settings)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(settings);
        _store = store;
        _settings = settings;
    }

    /// <summary>
    /// Extracts and stores memories from one turn; returns the memories added (empty when learning is off, nothing was
    /// worth keeping, or the model's answer was unreadable). Model errors propagate; the chat engine decides whether
    /// a failed extraction matters (it should not fail the turn).
    /// </summary>
    /// <param name="projectRoot">The session's project; without one, every learned memory is global.</param>
    public async Task<IReadOnlyList<MemoryEntry>> LearnAsync(IChatClient chat, string userMessage, string reply, string? projectRoot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chat);
        if (!_settings().AutoLearn || string.IsNullOrWhiteSpace(userMessage))
        {
            return [];
        }

        var known = _store.List(projectRoot: projectRoot, scope: projectRoot is null ? MemoryScope.Global : null, includeGlobal: true);
        var prompt = BuildPrompt(userMessage, reply ?? string.Empty, known);
        var response = await chat.GetResponseAsync(
            [new ChatMessage(ChatRole.System, Instructions), new ChatMessage(ChatRole.User, prompt)],
            new ChatOptions { Temperature = 0, MaxOutputTokens = 600 },
            cancellationToken).ConfigureAwait(false);

        // Checked again: the switch may have been turned off (or everything cleared) while the model was answering.
        if (!_settings().AutoLearn)
        {
            return [];
        }

        var added = new List<MemoryEntry>();
        var seen = known.Select(entry => Normalize(entry.Content)).ToList();
        // More candidates than kept: duplicates of known memories must not use up the turn's allowance.
        foreach (var candidate in LearnedMemoryParser.Parse(response.Text, MaxPerTurn * 4))
        {
            if (added.Count == MaxPerTurn)
            {
                break;
            }

            var normalized = Normalize(candidate.Content);
            if (seen.Any(existing => IsDuplicate(existing, normalized)))
            {
                continue;
            }

            var scope = projectRoot is null ? MemoryScope.Global : candidate.Scope;
            added.Add(_store.Add(candidate.Content, scope, scope == MemoryScope.Project ? projectRoot : null, MemorySource.Learned, candidate.Category));
            seen.Add(normalized);
        }

        return added;
    }

    /// <summary>Same words (case, punctuation and order aside), or nearly so: a token-set Jaccard similarity of 0.8 or more.</summary>
    internal static bool IsDuplicate(string a, string b)
    {
        if (a == b)
        {
            return true;
        }

        var left = a.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var right = b.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        if (left.Count == 0 || right.Count == 0)
        {
            return false;
        }

        var common = left.Count(right.Contains);
        return common / (double)(left.Count + right.Count - common) >= 0.8;
    }

    internal static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.ToLower(CultureInfo.InvariantCulture))
        {
            builder.Append(char.IsLetterOrDigit(c) ? c : ' ');
        }

        return string.Join(' ', builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    private static string BuildPrompt(string userMessage, string reply, IReadOnlyList<MemoryEntry> known)
    {
        var builder = new StringBuilder();
        builder.AppendLine("Known memories:");
        if (known.Count == 0)
        {
            builder.AppendLine("(none)");
        }

        foreach (var entry in known.Take(50))
        {
            builder.Append("- ").AppendLine(Excerpt(entry.Content, 300));
        }

        builder.AppendLine().AppendLine("User:").AppendLine(Excerpt(userMessage, MaxExcerptChars));
        builder.AppendLine().AppendLine("Assistant:").AppendLine(Excerpt(reply, MaxExcerptChars));
        return builder.ToString();
    }

    private static string Excerpt(string text, int maxChars) =>
        text.Length <= maxChars ? text : text[..maxChars] + " [...]";
}
