using System.Text;

namespace Qoder.Lsp.Tests.EndToEnd;

/// <summary>
/// One malformed or unusual input for the running server and what a correct server does with it: which answer the
/// message's id gets (if any) and how many id-less errors (parse errors, unreadable frames) it produces.
/// </summary>
internal sealed record LspFuzzCase(int Index, string Kind, string Description, byte[] Bytes)
{
    /// <summary>Key (see <see cref="LspFuzzer.IdKey(System.Text.Json.JsonElement)"/>) of the id that must be answered; null when no answer may carry an id.</summary>
    public string? ExpectedIdKey { get; init; }

    /// <summary>Error codes acceptable in the answer to <see cref="ExpectedIdKey"/>.</summary>
    public IReadOnlySet<int> AllowedCodes { get; init; } = new HashSet<int>();

    /// <summary>Whether a successful result is an acceptable answer to <see cref="ExpectedIdKey"/>.</summary>
    public bool ResultAllowed { get; init; }

    /// <summary>Bounds on errors answered with <c>"id": null</c> (frames the server could not attribute to a request).</summary>
    public int MinNullIdErrors { get; init; }

    public int MaxNullIdErrors { get; init; }

    /// <summary>Codes acceptable for the id-less errors.</summary>
    public IReadOnlySet<int> NullIdCodes { get; init; } = new HashSet<int>();

    /// <summary>A request with <c>"id": null</c>: JSON-RPC leaves its answer open, so an id-less result is tolerated too.</summary>
    public bool NullIdResultAllowed { get; init; }

    /// <summary>Large inputs need longer to cross the pipe.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(15);

    public override string ToString()
    {
        var preview = Bytes.Length > 400 ? Encoding.UTF8.GetString(Bytes, 0, 400) + $"... ({Bytes.Length} bytes)" : Encoding.UTF8.GetString(Bytes);
        return $"#{Index} {Kind}: {Description}{Environment.NewLine}  bytes: {preview.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)}";
    }
}
