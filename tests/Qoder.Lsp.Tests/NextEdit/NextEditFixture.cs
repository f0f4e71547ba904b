using Qoder.Lsp.Core.Configuration;
using Qoder.Lsp.Core.Text;
using Qoder.Lsp.NextEdit;

namespace Qoder.Lsp.Tests.NextEdit;

/// <summary>
/// Open documents written with a <c>$0</c> marker at the identifier to rename, a rename typed the way a user does it
/// (select the word, type the new name one key at a time), and the service's edits applied back to text.
/// </summary>
internal sealed class NextEditFixture : IDisposable
{
    public NextEditFixture(NextEditSettings? settings = null)
    {
        Service = new NextEditService(Documents, csharp: null, () => settings ?? new NextEditSettings(), Clock);
    }

    public DocumentStore Documents { get; } = new();

    public FakeEditClock Clock { get; } = new();

    public NextEditService Service { get; }

    /// <summary>Opens <paramref name="textWithMarker"/> without its <c>$0</c>; returns the marker's offset (or -1).</summary>
    public int Open(string uri, string languageId, string textWithMarker)
    {
        var offset = textWithMarker.IndexOf("$0", StringComparison.Ordinal);
        Documents.Open(uri, languageId, 1, offset < 0 ? textWithMarker : textWithMarker.Remove(offset, 2));
        return offset;
    }

    /// <summary>Selects the identifier at <paramref name="offset"/> and types <paramref name="newName"/> over it, key by key.</summary>
    public void TypeOver(string uri, int offset, string newName)
    {
        var document = Documents.TryGet(uri, out var found) ? found : throw new InvalidOperationException(uri + " is not open");
        var end = offset;
        while (end < document.Text.Length && (char.IsLetterOrDigit(document.Text[end]) || document.Text[end] == '_'))
        {
            end++;
        }

        Change(uri, new LineRange(document.PositionOf(offset), document.PositionOf(end)), newName[..1]);
        for (var i = 1; i < newName.Length; i++)
        {
            Documents.TryGet(uri, out document);
            var at = document!.PositionOf(offset + i);
            Change(uri, new LineRange(at, at), newName[i].ToString());
        }
    }

    public void Change(string uri, LineRange range, string text)
    {
        Documents.TryGet(uri, out var document);
        Clock.Now += TimeSpan.FromMilliseconds(120);
        Documents.Change(uri, document!.Version + 1, [TextChange.Replace(range, text)]);
    }

    public Task<IReadOnlyList<NextEditSuggestion>> SuggestAsync(string uri) => Service.SuggestAsync(uri, CancellationToken.None);

    public string TextOf(string uri) => Documents.TryGet(uri, out var document) ? document.Text : throw new InvalidOperationException(uri + " is not open");

    /// <summary>The text of the open document <paramref name="uri"/> with every suggested edit for it applied.</summary>
    public string Applied(string uri, IEnumerable<NextEditSuggestion> suggestions)
    {
        Documents.TryGet(uri, out var document);
        var edits = suggestions.SelectMany(suggestion => suggestion.Edits).Where(edit => edit.Uri == uri).ToList();
        Assert.That(edits.All(edit => edit.Version == document!.Version), "edits refer to the current version");
        return TextEdits.Apply(document!, [.. edits.Select(edit => TextChange.Replace(edit.Range, edit.NewText))]);
    }

    public void Dispose() => Service.Dispose();
}
