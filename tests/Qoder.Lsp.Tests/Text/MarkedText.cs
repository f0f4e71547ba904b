using Qoder.Lsp.Core.Text;

namespace Qoder.Lsp.Tests.Text;

/// <summary>
/// Fixture text with markers: "$0".."$9" each mark a position, so a test reads as the document it is about,
/// e.g. <c>MarkedText.Parse("ab$0\r\ncd")</c>. Positions are computed by <see cref="NaiveText"/>, not by the code under test.
/// </summary>
internal sealed class MarkedText
{
    private readonly Dictionary<int, int> _offsets;

    private MarkedText(string text, Dictionary<int, int> offsets)
    {
        Text = text;
        _offsets = offsets;
    }

    public string Text { get; }

    public static MarkedText Parse(string fixture)
    {
        var text = new System.Text.StringBuilder();
        var offsets = new Dictionary<int, int>();
        for (var i = 0; i < fixture.Length; i++)
        {
            if (fixture[i] == '$' && i + 1 < fixture.Length && char.IsAsciiDigit(fixture[i + 1]))
            {
                offsets.Add(fixture[i + 1] - '0', text.Length);
                i++;
            }
            else
            {
                text.Append(fixture[i]);
            }
        }

        return new MarkedText(text.ToString(), offsets);
    }

    public int Offset(int marker) => _offsets[marker];

    public LinePosition Position(int marker) => NaiveText.PositionOf(Text, _offsets[marker]);

    public LineRange Range(int startMarker, int endMarker) => new(Position(startMarker), Position(endMarker));

    public TextDocument ToDocument(int version = 1) => new("file:///test.txt", "plaintext", version, Text);
}
