using System.Text.Json;
using System.Text.Json.Serialization;

namespace Qoder.Lsp.Protocol;

/// <summary>The one serializer configuration for the wire: camelCase, nulls omitted, enums as numbers (LSP's convention).</summary>
public static class JsonOptions
{
    public static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // A client sending 1.0 where we expect an integer, or numbers as strings, is tolerated; anything else is InvalidParams.
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
            RespectNullableAnnotations = false,
        };
        return options;
    }
}
