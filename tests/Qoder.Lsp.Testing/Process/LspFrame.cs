using System.Text;
using System.Text.Json;

namespace Qoder.Lsp.Testing.Processes;

/// <summary>One message as read off the wire by <see cref="LspRawConnection"/>: its headers and its JSON body.</summary>
public sealed class LspFrame
{
    public LspFrame(IReadOnlyList<KeyValuePair<string, string>> headers, byte[] body, JsonElement json)
    {
        Headers = headers;
        Body = body;
        Json = json;
    }

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    public byte[] Body { get; }

    public JsonElement Json { get; }

    public string Text => Encoding.UTF8.GetString(Body);

    public string? Method => Json.TryGetProperty("method", out var method) && method.ValueKind == JsonValueKind.String ? method.GetString() : null;

    public bool HasId => Json.TryGetProperty("id", out _);

    /// <summary>The id as raw JSON (<c>7</c>, <c>"a"</c>, <c>null</c>), or null when the message has none.</summary>
    public string? IdJson => Json.TryGetProperty("id", out var id) ? id.GetRawText() : null;

    public bool IsResponse => Method is null && (Json.TryGetProperty("result", out _) || Json.TryGetProperty("error", out _));

    public bool IsRequest => Method is not null && HasId;

    public bool IsNotification => Method is not null && !HasId;

    public int? ErrorCode =>
        Json.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object && error.TryGetProperty("code", out var code) && code.TryGetInt32(out var value)
            ? value
            : null;

    public JsonElement? Result => Json.TryGetProperty("result", out var result) ? result : null;

    public JsonElement? Params => Json.TryGetProperty("params", out var parameters) ? parameters : null;

    public override string ToString() => Text.Length > 500 ? Text[..500] + "..." : Text;
}
