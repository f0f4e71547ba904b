using Microsoft.ML.Tokenizers;

namespace Qoder.Lsp.Chat.Prompt;

/// <summary>
/// Counts prompt tokens with the cl100k BPE vocabulary, a close proxy for the 100k–200k vocabularies of today's chat
/// models; the provider's own count (usage) replaces the estimate for the session once a reply reports it.
/// </summary>
public static class ChatTokenCounter
{
    private static readonly Lazy<Tokenizer> Tokenizer = new(() => TiktokenTokenizer.CreateForEncoding("cl100k_base"), LazyThreadSafetyMode.ExecutionAndPublication);

    public static int Count(string text) => string.IsNullOrEmpty(text) ? 0 : Tokenizer.Value.CountTokens(text);

    /// <summary>The longest prefix of <paramref name="text"/> of whole lines within <paramref name="maxTokens"/>.</summary>
    public static (string Text, int KeptLines, int TotalLines) TakeLines(string text, int maxTokens)
    {
        var lines = text.Split('\n');
        var used = 0;
        var kept = 0;
        foreach (var line in lines)
        {
            var cost = Count(line) + 1;
            if (used + cost > maxTokens)
            {
                break;
            }

            used += cost;
            kept++;
        }

        return (string.Join('\n', lines.Take(kept)), kept, lines.Length);
    }
}
