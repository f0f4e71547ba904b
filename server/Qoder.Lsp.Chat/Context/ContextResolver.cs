using System.Text;
using UglyToad.PdfPig;

namespace Qoder.Lsp.Chat.Context;

/// <summary>
/// Turns @-context items into prompt blocks and images. Items are all or nothing per item: a file that cannot be read
/// fails the request with a clear error (the user asked for it by name), never silently disappears.
/// </summary>
public sealed class ContextResolver(IChatEnvironment environment)
{
    /// <summary>Largest attachment accepted, before any budgeting (the product's chat limits are of this order).</summary>
    public const int MaxAttachmentBytes = 20 * 1024 * 1024;

    private const int MaxFolderEntries = 300;
    private const int RetrievalChars = 24_000;

    public async Task<ResolvedContext> ResolveAsync(IReadOnlyList<ChatContextItem> items, string message, bool modelSupportsImages, CancellationToken cancellationToken)
    {
        var blocks = new List<ContextBlock>();
        var images = new List<ContextImage>();
        var manualRules = new List<string>();
        foreach (var item in items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (item.Kind)
            {
                case ChatContextKind.File:
                    blocks.Add(FileBlock(Require(item.Path, "A file item needs a path."), item.StartLine, item.EndLine, title: "File"));
                    break;
                case ChatContextKind.Selection:
                    blocks.Add(item.Text is { } selected
                        ? new ContextBlock(Title("Selection", item.Path, item.StartLine, item.EndLine), selected, item.Path, FenceLanguages.FromPath(item.Path))
                        : FileBlock(Require(item.Path, "A selection item needs its text or a path and lines."), item.StartLine, item.EndLine, title: "Selection"));
                    break;
                case ChatContextKind.Folder:
                    var folder = Require(item.Path, "A folder item needs a path.");
                    var entries = environment.ListFolder(folder, MaxFolderEntries);
                    var listing = entries.Count >= MaxFolderEntries ? string.Join('\n', entries) + $"\n… (first {MaxFolderEntries} entries)" : string.Join('\n', entries);
                    blocks.Add(new ContextBlock($"Folder {folder} ({entries.Count} entries)", listing, null, null));
                    break;
                case ChatContextKind.Rule:
                    manualRules.Add(Require(item.Name, "A rule item needs the rule's name."));
                    break;
                case ChatContextKind.Codebase:
                    var query = string.IsNullOrWhiteSpace(item.Query) ? message : item.Query;
                    var found = await environment.SearchCodebaseAsync(query, RetrievalChars, cancellationToken).ConfigureAwait(false);
                    blocks.Add(new ContextBlock($"Codebase search for \"{Shorten(query)}\"", found, null, null));
                    break;
                case ChatContextKind.Database:
                    var name = Require(item.Name, "A database item needs the connection's name.");
                    var schema = await environment.DatabaseSchemaAsync(name, string.IsNullOrWhiteSpace(item.Query) ? message : item.Query, RetrievalChars, cancellationToken).ConfigureAwait(false);
                    blocks.Add(new ContextBlock($"Database {name} (schema)", schema, null, "sql"));
                    break;
                case ChatContextKind.Attachment:
                    AddAttachment(item, modelSupportsImages, blocks, images);
                    break;
                default:
                    throw new ChatRequestException($"Unknown context kind '{item.Kind}'.");
            }
        }

        return new ResolvedContext(blocks, images, manualRules);
    }

    private ContextBlock FileBlock(string path, int? startLine, int? endLine, string title)
    {
        var text = environment.ReadFile(path);
        if (startLine is null && endLine is null)
        {
            return new ContextBlock($"{title} {path}", text, path, FenceLanguages.FromPath(path));
        }

        var lines = text.Split('\n');
        var first = Math.Clamp(startLine ?? 0, 0, Math.Max(0, lines.Length - 1));
        var last = Math.Clamp(endLine ?? lines.Length - 1, first, lines.Length - 1);
        var slice = string.Join('\n', lines[first..(last + 1)]);
        return new ContextBlock(Title(title, path, first, last), slice, path, FenceLanguages.FromPath(path));
    }

    private void AddAttachment(ChatContextItem item, bool modelSupportsImages, List<ContextBlock> blocks, List<ContextImage> images)
    {
        var name = item.Name ?? (item.Path is null ? "attachment" : Path.GetFileName(item.Path));
        var data = item.Data ?? (item.Path is { } path ? environment.ReadBytes(path) : throw new ChatRequestException($"Attachment '{name}' has neither data nor a path."));
        if (data.Length > MaxAttachmentBytes)
        {
            throw new ChatRequestException($"Attachment '{name}' is {data.Length / (1024.0 * 1024):0.0} MB; the limit is {MaxAttachmentBytes / (1024 * 1024)} MB.");
        }

        var mediaType = item.MediaType ?? GuessMediaType(name);
        if (mediaType.StartsWith("image/", StringComparison.OrdinalIgnoreCase))
        {
            if (!modelSupportsImages)
            {
                throw new ChatRequestException($"The selected model does not accept images; choose a multimodal model or remove '{name}'.");
            }

            images.Add(new ContextImage(name, mediaType, data));
            return;
        }

        var text = mediaType.Equals("application/pdf", StringComparison.OrdinalIgnoreCase) ? PdfText(name, data) : DecodeText(name, data.Span);
        blocks.Add(new ContextBlock($"Attachment {name}", text, null, FenceLanguages.FromPath(name)));
    }

    private static string PdfText(string name, ReadOnlyMemory<byte> data)
    {
        try
        {
            using var document = PdfDocument.Open(data.ToArray());
            var text = new StringBuilder();
            foreach (var page in document.GetPages())
            {
                text.Append("--- page ").Append(page.Number).Append(" ---\n").Append(page.Text).Append('\n');
            }

            return text.ToString();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new ChatRequestException($"Attachment '{name}' is not a readable PDF ({ex.GetType().Name}).");
        }
    }

    private static string DecodeText(string name, ReadOnlySpan<byte> data)
    {
        if (data[..Math.Min(data.Length, 8192)].Contains((byte)0))
        {
            throw new ChatRequestException($"Attachment '{name}' is binary; attach text, PDF or image files.");
        }

        return Encoding.UTF8.GetString(data);
    }

    private static string GuessMediaType(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".png" => "image/png",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".gif" => "image/gif",
        ".webp" => "image/webp",
        ".bmp" => "image/bmp",
        ".pdf" => "application/pdf",
        _ => "text/plain",
    };

    private static string Title(string kind, string? path, int? startLine, int? endLine) =>
        startLine is null ? $"{kind} {path}" : $"{kind} {path} (lines {startLine + 1}-{(endLine ?? startLine) + 1})";

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";

    private static string Require(string? value, string problem) =>
        string.IsNullOrWhiteSpace(value) ? throw new ChatRequestException(problem) : value;
}
