using System.Text.Json;
using System.Text.Json.Serialization;

namespace Qoder.Lsp.Protocol;

/// <summary>LSP's <c>integer | string</c> progress token, kept in its wire form so it round-trips exactly.</summary>
[JsonConverter(typeof(ProgressTokenConverter))]
public readonly record struct ProgressToken
{
    public ProgressToken(string value) { String = value; Number = null; }
    public ProgressToken(long value) { Number = value; String = null; }

    public string? String { get; }
    public long? Number { get; }

    public override string ToString() => String ?? Number?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";
}
