using System.Text.Json;
using System.Text.Json.Serialization;

namespace Qoder.Lsp.Protocol;

public sealed class ProgressTokenConverter : JsonConverter<ProgressToken>
{
    public override ProgressToken Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => new ProgressToken(reader.GetString()!),
        JsonTokenType.Number when reader.TryGetInt64(out var n) => new ProgressToken(n),
        _ => throw new JsonException("A progress token must be an integer or a string."),
    };

    public override void Write(Utf8JsonWriter writer, ProgressToken value, JsonSerializerOptions options)
    {
        if (value.String is not null) writer.WriteStringValue(value.String);
        else writer.WriteNumberValue(value.Number ?? 0);
    }
}
