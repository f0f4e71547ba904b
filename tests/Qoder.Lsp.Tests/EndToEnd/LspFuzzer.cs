using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Qoder.Lsp.Tests.EndToEnd;

/// <summary>
/// Produces malformed and unusual LSP input from a fixed seed, each with the answer a correct server gives. Every
/// expectation follows JSON-RPC 2.0 and LSP: unreadable JSON is a parse error with a null id; valid JSON that is
/// not a JSON-RPC message is an invalid request (with the id when one can be read, except for responses, whose id
/// belongs to the server); an unknown method is MethodNotFound; parameters of the wrong type are InvalidParams; a
/// notification is never answered. Nothing here may end the session (no shutdown or exit is ever generated).
/// </summary>
internal sealed class LspFuzzer
{
    public const int ParseError = -32700;
    public const int InvalidRequest = -32600;
    public const int MethodNotFound = -32601;
    public const int InvalidParams = -32602;

    private static readonly string[] NotificationMethods =
    [
        "textDocument/didOpen", "textDocument/didChange", "textDocument/didClose", "textDocument/didSave",
        "workspace/didChangeConfiguration", "workspace/didChangeWatchedFiles", "workspace/didChangeWorkspaceFolders",
        "window/workDoneProgress/cancel", "$/setTrace", "$/cancelRequest", "$/progress", "initialized",
    ];

    private const string HeaderLikeCharacters = "\r\n :{}\"abc";

    private readonly Random _random;
    private readonly string _victimUri;
    private int _nextId = 1000;
    private int _victimVersion = 1_000;
    private int _index;

    public LspFuzzer(int seed, string victimUri)
    {
        _random = new Random(seed);
        _victimUri = victimUri;
    }

    /// <summary>A comparable key for a JSON-RPC id: numbers and strings never collide, escapes do not matter.</summary>
    public static string IdKey(JsonElement id) => id.ValueKind switch
    {
        JsonValueKind.Number when id.TryGetInt64(out var number) => "n:" + number.ToString(CultureInfo.InvariantCulture),
        JsonValueKind.String => "s:" + id.GetString(),
        JsonValueKind.Null => "null",
        _ => "other:" + id.GetRawText(),
    };

    public LspFuzzCase Next()
    {
        _index++;
        var roll = _random.Next(100);
        return roll switch
        {
            < 8 => InvalidJson(),
            < 14 => TruncatedJson(),
            < 24 => WrongShape(),
            < 36 => WrongParamTypesInRequest(),
            < 44 => WrongParamsInNotification(),
            < 51 => UnknownMethod(),
            < 59 => OutOfRangePositions(),
            < 64 => InvalidUtf8(),
            < 68 => DeepNesting(),
            < 73 => NonObjectParams(),
            < 80 => GarbageBetweenFrames(),
            < 85 => HeaderVariants(),
            < 89 => OddIds(),
            < 92 => ClientResponses(),
            < 95 => CancelRequests(),
            < 98 => BadContentLength(),
            _ => ContentLengthTooShort(),
        };
    }

    /// <summary>A valid message of about <paramref name="bytes"/> bytes (a whole-document change of the victim, or an unknown method).</summary>
    public LspFuzzCase LargeWithinLimit(int bytes)
    {
        _index++;
        var text = new string('x', bytes);
        if (_random.Next(2) == 0)
        {
            var body = Notification("textDocument/didChange", $$"""{"textDocument":{"uri":{{Str(_victimUri)}},"version":{{++_victimVersion}} },"contentChanges":[{"text":{{Str(text)}} }]}""");
            return Case("large", $"whole-document change of {bytes} bytes", Frame(body)) with { Timeout = TimeSpan.FromSeconds(60) };
        }

        var (idJson, key) = NewId();
        var request = Request(idJson, "qoder/fuzzLarge", $$"""{"blob":{{Str(text)}} }""");
        return Expect(Case("large", $"unknown method with {bytes} bytes of params", Frame(request)), key, MethodNotFound) with { Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>A frame one byte over the server's limit, sent in full: it must be skipped and answered, not buffered.</summary>
    public LspFuzzCase BeyondLimit(int maxMessageBytes)
    {
        _index++;
        var length = maxMessageBytes + 1;
        var header = Encoding.ASCII.GetBytes($"Content-Length: {length}\r\n\r\n");
        var bytes = new byte[header.Length + length];
        header.CopyTo(bytes, 0);
        bytes.AsSpan(header.Length).Fill((byte)' ');
        bytes[header.Length] = (byte)'{';
        bytes[^1] = (byte)'}';
        return NullIdErrors(Case("beyond-limit", $"Content-Length {length}, one byte over the limit", bytes), InvalidRequest, 1) with { Timeout = TimeSpan.FromSeconds(120) };
    }

    private LspFuzzCase InvalidJson()
    {
        var (idJson, _) = NewId();
        var original = ValidRequestBody(idJson);
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var text = new StringBuilder(original);
            var mutations = _random.Next(1, 4);
            for (var m = 0; m < mutations; m++)
            {
                var at = _random.Next(text.Length);
                switch (_random.Next(3))
                {
                    case 0:
                        text.Remove(at, 1);
                        break;
                    case 1:
                        text.Insert(at, Pick("{", "}", "[", "]", ":", ",", "\"", "\\", "x", "'", "01", "tru", "nul"));
                        break;
                    default:
                        text[at] = Pick('{', '}', ':', ',', '"', 'q', '\\', ']');
                        break;
                }
            }

            var body = text.ToString();
            if (!IsJson(body))
            {
                return NullIdErrors(Case("invalid-json", "a request with 1-3 character mutations", Frame(body)), ParseError, 1);
            }
        }

        return NullIdErrors(Case("invalid-json", "a request with a stray brace", Frame(original + "{")), ParseError, 1);
    }

    private LspFuzzCase TruncatedJson()
    {
        var (idJson, _) = NewId();
        var body = ValidRequestBody(idJson);
        var cut = _random.Next(1, body.Length - 1);
        return NullIdErrors(Case("truncated-json", $"a request cut after {cut} of {body.Length} characters", Frame(body[..cut])), ParseError, 1);
    }

    private LspFuzzCase WrongShape()
    {
        var (idJson, key) = NewId();
        switch (_random.Next(10))
        {
            case 0:
                return NullIdErrors(Case("wrong-shape", "a batch", Frame(_random.Next(2) == 0 ? "[]" : $"[{ValidRequestBody(idJson)}]")), InvalidRequest, 1);
            case 1:
                return NullIdErrors(Case("wrong-shape", "a scalar root", Frame(Pick("5", "\"hello\"", "true", "null", "-0.5e3"))), InvalidRequest, 1);
            case 2:
                var badId = Pick("{\"a\":1}", "[1]", "true", "1.5", "1e400", "-2.5");
                return NullIdErrors(Case("wrong-shape", $"id {badId}", Frame($$"""{"jsonrpc":"2.0","id":{{badId}},"method":"qoder/status"}""")), InvalidRequest, 1);
            case 3:
                var badMethod = Pick("5", "\"\"", "null", "{}", "[\"qoder/status\"]", "true");
                return Expect(Case("wrong-shape", $"method {badMethod}", Frame($$"""{"jsonrpc":"2.0","id":{{idJson}},"method":{{badMethod}},"params":{} }""")), key, InvalidRequest);
            case 4:
                return Expect(Case("wrong-shape", "an id and nothing else", Frame(Pick($$"""{"jsonrpc":"2.0","id":{{idJson}} }""", $$"""{"jsonrpc":"2.0","id":{{idJson}},"params":{} }"""))), key, InvalidRequest);
            case 5:
                return NullIdErrors(Case("wrong-shape", "neither id nor method", Frame(Pick("{}", """{"jsonrpc":"2.0"}""", """{"jsonrpc":"2.0","params":{"a":1}}"""))), InvalidRequest, 1);
            case 6:
                // A broken response: its id names one of the server's requests, so echoing it would answer a request the client never sent.
                var badError = Pick("\"oops\"", "{}", "{\"code\":\"x\",\"message\":\"m\"}", "[1]", "5");
                return NullIdErrors(Case("wrong-shape", $"a response with error {badError}", Frame($$"""{"jsonrpc":"2.0","id":{{idJson}},"error":{{badError}} }""")), InvalidRequest, 1);
            case 7:
                return NullIdErrors(Case("wrong-shape", "a response without id", Frame(Pick("""{"jsonrpc":"2.0","result":{}}""", """{"jsonrpc":"2.0","id":null,"result":1}""", """{"jsonrpc":"2.0","error":{"code":1,"message":"m"}}"""))), InvalidRequest, 1);
            case 8:
                var version = Pick("", "\"jsonrpc\":\"1.0\",", "\"jsonrpc\":2,", "\"jsonrpc\":null,");
                return Expect(Case("wrong-shape", $"jsonrpc member '{version}'", Frame("{" + version + "\"id\":" + idJson + ",\"method\":\"qoder/status\",\"params\":{}}")), key, InvalidRequest) with { ResultAllowed = true };
            default:
                return Expect(Case("wrong-shape", "a request with result and error members", Frame($$"""{"jsonrpc":"2.0","id":{{idJson}},"method":"qoder/status","result":1,"error":{"code":1,"message":"m"} }""")), key, InvalidRequest) with { ResultAllowed = true };
        }
    }

    private LspFuzzCase WrongParamTypesInRequest()
    {
        var (idJson, key) = NewId();
        var (method, parameters, path) = WrongTypedParams();
        var fuzzCase = Expect(Case("wrong-param-type", $"{method} with a wrong type at {path}", Frame(Request(idJson, method, parameters.ToJsonString()))), key, InvalidParams);
        // An initialize after initialize may be refused for that reason before its parameters are looked at.
        return method == "initialize" ? fuzzCase with { AllowedCodes = new HashSet<int> { InvalidParams, InvalidRequest } } : fuzzCase;
    }

    private LspFuzzCase WrongParamsInNotification()
    {
        var method = NotificationMethods[_random.Next(NotificationMethods.Length)];
        string parameters;
        if (_random.Next(2) == 0 && method is "textDocument/didChange" or "textDocument/didOpen")
        {
            var (_, node, _) = WrongTypedParams(method);
            parameters = node.ToJsonString();
        }
        else
        {
            parameters = _random.Next(4) == 0 ? RandomJson(3) : RandomObject(3);
        }

        return Case("notification-params", $"{method} with odd params", Frame(Notification(method, parameters)));
    }

    private LspFuzzCase UnknownMethod()
    {
        var method = Pick("fuzz/unknown", "textDocument/completionX", "$/unknownRequest", "qoder/doesNotExist", "workspace/nope", "qoder/é😀",
            "initialize/", "Initialize", "SHUTDOWN", "exit2", new string('m', _random.Next(100, 5000)), "textDocument/didChange ", "qoder/status\u0000");
        var parameters = _random.Next(3) switch { 0 => null, 1 => RandomObject(2), _ => "[" + RandomJson(2) + "]" };
        if (_random.Next(4) == 0)
        {
            return Case("unknown-method", $"notification '{Shorten(method)}'", Frame(Notification(method, parameters)));
        }

        var (idJson, key) = NewId();
        return Expect(Case("unknown-method", $"request '{Shorten(method)}'", Frame(Request(idJson, method, parameters))), key, MethodNotFound);
    }

    private LspFuzzCase OutOfRangePositions()
    {
        if (_random.Next(8) == 0)
        {
            // Re-opening resynchronises the victim, so later changes are checked against real text again.
            var text = string.Join("\n", Enumerable.Range(0, _random.Next(1, 6)).Select(i => new string('a', _random.Next(0, 10)) + (i % 2 == 0 ? "😀" : "")));
            return Case("out-of-range", "re-open the victim document", Frame(Notification("textDocument/didOpen", $$"""{"textDocument":{"uri":{{Str(_victimUri)}},"languageId":"plaintext","version":{{++_victimVersion}},"text":{{Str(text)}} } }""")));
        }

        var value = (Func<string>)(() => Pick("-1", "0", "3", "100000", "2147483647", "-2147483648", "1", "2", "999"));
        var range = $$"""{"start":{"line":{{value()}},"character":{{value()}} },"end":{"line":{{value()}},"character":{{value()}} } }""";
        var parameters = $$"""{"textDocument":{"uri":{{Str(_victimUri)}},"version":{{++_victimVersion}} },"contentChanges":[{"range":{{range}},"text":"z"}]}""";
        if (_random.Next(4) == 0)
        {
            var (idJson, key) = NewId();
            // A didChange sent as a request has nothing to return but null; the rejected edit itself is reported through window/logMessage.
            return Expect(Case("out-of-range", $"didChange request with range {range}", Frame(Request(idJson, "textDocument/didChange", parameters))), key) with { ResultAllowed = true };
        }

        return Case("out-of-range", $"didChange with range {range}", Frame(Notification("textDocument/didChange", parameters)));
    }

    private LspFuzzCase InvalidUtf8()
    {
        var (idJson, _) = NewId();
        var body = Encoding.UTF8.GetBytes(ValidRequestBody(idJson));
        if (_random.Next(4) == 0)
        {
            return InvalidEscapes();
        }

        var bad = _random.Next(6) switch
        {
            0 => new byte[] { 0xFF },
            1 => [0xC3, 0x28],
            2 => [0xC0, 0xAF],
            3 => [0xED, 0xA0, 0x80], // an encoded lone surrogate
            4 => [0xF8, 0x88, 0x80, 0x80, 0x80],
            _ => [0xE2, 0x82],
        };

        // Inside the method name, where a string value is guaranteed, so the JSON structure around it stays intact.
        var at = body.AsSpan().IndexOf("\"method\":\""u8) + "\"method\":\"".Length + 1;
        var mutated = body[..at].Concat(bad).Concat(body[at..]).ToArray();
        return NullIdErrors(Case("invalid-utf8", $"bytes {Convert.ToHexString(bad)} inside the method name", Frame(mutated)), ParseError, 1);
    }

    /// <summary>Valid UTF-8 and valid JSON syntax, but \u escapes that name half a surrogate pair: not a Unicode string.</summary>
    private LspFuzzCase InvalidEscapes()
    {
        var (idJson, key) = NewId();
        var escape = Pick("\\ud800", "\\udc00", "\\ud83d\\u0041");
        switch (_random.Next(3))
        {
            case 0:
                // The method cannot be decoded, so the request is invalid; a decoder that substitutes U+FFFD finds no such method.
                return Expect(Case("invalid-escape", $"method with {escape}", Frame(Request(idJson, $"qoder/{escape}status", "{}", rawMethod: true))), key, InvalidRequest, MethodNotFound);
            case 1:
                return NullIdErrors(Case("invalid-escape", $"string id with {escape}", Frame($$"""{"jsonrpc":"2.0","id":"{{escape}}","method":"qoder/status"}""")), InvalidRequest, 1);
            default:
                var parameters = $$"""{"textDocument":{"uri":"file:///qoder-fuzz/escape.txt","languageId":"plaintext","version":1,"text":"a{{escape}}b"} }""";
                return Expect(Case("invalid-escape", $"didOpen text with {escape}", Frame(Request(idJson, "textDocument/didOpen", parameters))), key, InvalidParams) with { ResultAllowed = true };
        }
    }

    private LspFuzzCase DeepNesting()
    {
        var (idJson, key) = NewId();
        if (_random.Next(2) == 0)
        {
            var depth = _random.Next(65, 20_000);
            var nested = _random.Next(2) == 0 ? new string('[', depth) + new string(']', depth) : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
            var body = _random.Next(2) == 0 ? nested : Request(idJson, "qoder/status", $$"""{"x":{{nested}} }""");
            return NullIdErrors(Case("deep-nesting", $"nesting {depth} deep (over the JSON reader's limit)", Frame(body)), ParseError, 1);
        }

        var shallow = _random.Next(20, 55);
        var value = new string('[', shallow) + "1" + new string(']', shallow);
        if (_random.Next(2) == 0)
        {
            return Expect(Case("deep-nesting", $"qoder/status with an unknown {shallow}-deep param", Frame(Request(idJson, "qoder/status", $$"""{"x":{{value}} }"""))), key, InvalidParams) with { ResultAllowed = true };
        }

        return Expect(Case("deep-nesting", $"didChange with a {shallow}-deep textDocument", Frame(Request(idJson, "textDocument/didChange", $$"""{"textDocument":{{value}},"contentChanges":[]}"""))), key, InvalidParams);
    }

    private LspFuzzCase NonObjectParams()
    {
        var (idJson, key) = NewId();
        var method = Pick("qoder/status", "textDocument/didChange", "initialize", "textDocument/didOpen");
        if (_random.Next(5) == 0)
        {
            // Tolerated for clients that send "params": null where they mean none; a method that needs params refuses them.
            var nullCase = Expect(Case("non-object-params", $"{method} with params null", Frame(Request(idJson, method, "null"))), key, InvalidParams, InvalidRequest);
            return method == "initialize" ? nullCase : nullCase with { ResultAllowed = true };
        }

        if (_random.Next(3) > 0)
        {
            var scalar = Pick("5", "\"text\"", "true", "false", "-1.5", "\"\"");
            // JSON-RPC: params "MUST be a Structured value"; anything else makes the request itself invalid.
            return Expect(Case("non-object-params", $"{method} with params {scalar}", Frame(Request(idJson, method, scalar))), key, InvalidRequest, InvalidParams);
        }

        var array = Pick("[]", "[1,2]", "[\"a\"]", "[{}]", "[null]");
        var fuzzCase = Expect(Case("non-object-params", $"{method} with params {array}", Frame(Request(idJson, method, array))), key, InvalidParams);
        return method switch
        {
            // Positional arguments may bind (or be ignored by a parameterless method): a result is fine too.
            "qoder/status" => fuzzCase with { ResultAllowed = true },
            "initialize" => fuzzCase with { AllowedCodes = new HashSet<int> { InvalidParams, InvalidRequest } },
            _ => fuzzCase with { ResultAllowed = array is "[{}]" or "[null]" },
        };
    }

    private LspFuzzCase GarbageBetweenFrames()
    {
        var (idJson, key) = NewId();
        var length = _random.Next(10) == 0 ? _random.Next(9_000, 30_000) : _random.Next(1, 300);
        var garbage = new byte[length];
        _random.NextBytes(garbage);
        var kind = _random.Next(4);
        for (var i = 0; i < garbage.Length; i++)
        {
            garbage[i] = kind switch
            {
                0 => (byte)(garbage[i] % 95 + 32), // printable ASCII
                1 => (byte)HeaderLikeCharacters[garbage[i] % HeaderLikeCharacters.Length], // characters that look like headers and JSON
                _ => garbage[i],
            };
        }

        RemoveAccidentalHeaders(garbage);
        if (kind == 3)
        {
            garbage = [.. garbage, .. "\r\n\r\n"u8.ToArray()];
        }

        var frame = Frame(Request(idJson, "qoder/status", "{}"));
        var fuzzCase = Case("garbage", $"{length} garbage bytes (kind {kind}) before a valid request", [.. garbage, .. frame]);
        // The server may report the garbage in pieces (a header block at a time), but every piece is a parse error.
        return Expect(fuzzCase, key) with
        {
            ResultAllowed = true,
            MinNullIdErrors = 1,
            MaxNullIdErrors = 2 + (length / 8_000) + garbage.Count(b => b == (byte)'\n'),
            NullIdCodes = new HashSet<int> { ParseError },
        };
    }

    private LspFuzzCase HeaderVariants()
    {
        var (idJson, key) = NewId();
        var body = Encoding.UTF8.GetBytes(Request(idJson, "qoder/status", "{}"));
        var padding = _random.Next(5) == 0 ? _random.Next(1, 50) : 0;
        var length = body.Length + padding;
        var header = Pick(
            $"content-length: {length}\r\n\r\n",
            $"Content-Length:{length}\r\n\r\n",
            $"Content-Length:    {length}  \r\n\r\n",
            $"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nContent-Length: {length}\r\n\r\n",
            $"Content-Length: {length}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n",
            $"X-Unknown-Header: yes\r\nCONTENT-LENGTH: {length}\r\n\r\n");
        byte[] bytes = [.. Encoding.ASCII.GetBytes(header), .. body, .. Enumerable.Repeat((byte)' ', padding)];
        return Expect(Case("header-variant", $"header '{header.Replace("\r\n", "|", StringComparison.Ordinal)}', {padding} bytes of trailing whitespace", bytes), key) with { ResultAllowed = true };
    }

    private LspFuzzCase OddIds()
    {
        if (_random.Next(6) == 0)
        {
            return Case("odd-id", "a request with id null", Frame("""{"jsonrpc":"2.0","id":null,"method":"qoder/status","params":{}}""")) with
            {
                MaxNullIdErrors = 1,
                NullIdCodes = new HashSet<int> { InvalidRequest },
                NullIdResultAllowed = true,
            };
        }

        var id = Pick("0", "-1", "9223372036854775807", "-9223372036854775808", "9007199254740993", "\"\"", "\"é😀\\\"\\\\\\n\\u0000\"",
            "\"" + new string('i', _random.Next(100, 5000)) + "\"", "\"1\"", "\" \"");
        using var parsed = JsonDocument.Parse(id);
        var key = IdKey(parsed.RootElement);
        return Expect(Case("odd-id", $"qoder/status with id {Shorten(id)}", Frame(Request(id, "qoder/status", _random.Next(2) == 0 ? null : "{}"))), key) with { ResultAllowed = true };
    }

    private LspFuzzCase ClientResponses()
    {
        var (idJson, _) = NewId();
        var body = Pick(
            $$"""{"jsonrpc":"2.0","id":{{idJson}},"result":null}""",
            $$"""{"jsonrpc":"2.0","id":{{idJson}},"result":{"applied":true} }""",
            $$"""{"jsonrpc":"2.0","id":{{idJson}},"error":{"code":-32601,"message":"nope"} }""",
            $$"""{"jsonrpc":"2.0","id":"qoder-{{idJson.Trim('"')}}","result":[1,2,3]}""");
        return Case("client-response", "a response to a request the server never sent", Frame(body));
    }

    private LspFuzzCase CancelRequests()
    {
        var target = Pick("1", "\"x\"", "999999", "null", "{}", "[]", "-5", "\"sync-1\"");
        if (_random.Next(5) > 0)
        {
            return Case("cancel", $"$/cancelRequest for id {target}", Frame(Notification("$/cancelRequest", $$"""{"id":{{target}} }""")));
        }

        var (idJson, key) = NewId();
        // Sent as a request, the cancellation method has nothing meaningful to return; any error code but an internal one is acceptable.
        return Expect(Case("cancel", $"$/cancelRequest sent as a request for id {target}", Frame(Request(idJson, "$/cancelRequest", $$"""{"id":{{target}} }"""))), key, InvalidRequest, MethodNotFound, InvalidParams) with { ResultAllowed = true };
    }

    private LspFuzzCase BadContentLength()
    {
        var header = Pick(
            "Content-Length: abc\r\n\r\n",
            "Content-Length: -5\r\n\r\n",
            "Content-Length: 99999999999999999999\r\n\r\n",
            "Content-Length: 0x10\r\n\r\n",
            "Content-Length: 1 2\r\n\r\n",
            "Content-Type: application/vscode-jsonrpc\r\n\r\n",
            "Content-Length 12\r\n\r\n",
            "\r\n\r\n");
        return NullIdErrors(Case("bad-content-length", $"header block '{header.Replace("\r\n", "|", StringComparison.Ordinal)}' without body", Encoding.ASCII.GetBytes(header)), ParseError, 1);
    }

    private LspFuzzCase ContentLengthTooShort()
    {
        var (idJson, _) = NewId();
        var body = Encoding.UTF8.GetBytes(ValidRequestBody(idJson));
        var shortBy = _random.Next(1, Math.Min(20, body.Length - 1));
        byte[] bytes = [.. Encoding.ASCII.GetBytes($"Content-Length: {body.Length - shortBy}\r\n\r\n"), .. body];
        // The cut body is a parse error, and its last bytes run into the next header: a second parse error, after which framing must recover.
        return NullIdErrors(Case("content-length-short", $"Content-Length {shortBy} bytes short of the body", bytes), ParseError, 2);
    }

    private (string Method, JsonNode Params, string Path) WrongTypedParams(string? method = null)
    {
        method ??= Pick("textDocument/didChange", "textDocument/didOpen", "initialize");
        JsonObject parameters;
        (string Path, string Kind)[] targets;
        switch (method)
        {
            case "textDocument/didChange":
                parameters = JsonNode.Parse($$"""{"textDocument":{"uri":{{Str(_victimUri)}},"version":{{++_victimVersion}} },"contentChanges":[{"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":0} },"text":"q"}]}""")!.AsObject();
                targets =
                [
                    ("textDocument", "object"), ("textDocument.uri", "string"), ("textDocument.version", "int"), ("contentChanges", "array"),
                    ("contentChanges.0", "object"), ("contentChanges.0.text", "string"), ("contentChanges.0.range", "object"),
                    ("contentChanges.0.range.start", "object"), ("contentChanges.0.range.start.line", "int"), ("contentChanges.0.range.end.character", "int"),
                ];
                break;
            case "textDocument/didOpen":
                parameters = JsonNode.Parse($$"""{"textDocument":{"uri":"file:///qoder-fuzz/other.txt","languageId":"plaintext","version":1,"text":"t"} }""")!.AsObject();
                targets = [("textDocument", "object"), ("textDocument.uri", "string"), ("textDocument.languageId", "string"), ("textDocument.version", "int"), ("textDocument.text", "string")];
                break;
            default:
                parameters = JsonNode.Parse("""{"processId":null,"rootUri":null,"capabilities":{},"clientInfo":{"name":"fuzz"},"workspaceFolders":[]}""")!.AsObject();
                targets = [("processId", "int"), ("rootUri", "string"), ("capabilities", "object"), ("workspaceFolders", "array"), ("clientInfo", "object"), ("clientInfo.name", "string"), ("capabilities.workspace", "object")];
                break;
        }

        var (path, kind) = targets[_random.Next(targets.Length)];
        var wrong = kind switch
        {
            "string" => Pick("5", "true", "{}", "[\"a\"]", "-1.5"),
            "int" => Pick("\"abc\"", "1.5", "true", "{}", "[]", "1e20", "2147483648", "\"\""),
            "object" => Pick("5", "\"x\"", "true", "[]", "[1]"),
            _ => Pick("5", "\"x\"", "{}", "true"),
        };

        SetPath(parameters, path, JsonNode.Parse(wrong));
        return (method, parameters, $"{path}={wrong}");
    }

    private static void SetPath(JsonNode root, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        var node = root;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            node = int.TryParse(parts[i], out var index) ? node[index]! : node[parts[i]] ??= new JsonObject();
        }

        if (int.TryParse(parts[^1], out var last))
        {
            node.AsArray()[last] = value;
        }
        else
        {
            node[parts[^1]] = value;
        }
    }

    /// <summary>Garbage must not spell a header name, or the server would rightly try to use it.</summary>
    private static void RemoveAccidentalHeaders(byte[] garbage)
    {
        for (var i = 0; i + 14 <= garbage.Length; i++)
        {
            if (Encoding.ASCII.GetString(garbage, i, 14).Equals("content-length", StringComparison.OrdinalIgnoreCase))
            {
                garbage[i] = (byte)'#';
            }
        }

        for (var i = 0; i + 4 <= garbage.Length; i++)
        {
            if (garbage.AsSpan(i, 4).SequenceEqual("\r\n\r\n"u8))
            {
                garbage[i + 1] = (byte)'#';
            }
        }
    }

    private string ValidRequestBody(string idJson) => _random.Next(3) switch
    {
        0 => Request(idJson, "qoder/status", "{}"),
        1 => Request(idJson, "textDocument/didChange", $$"""{"textDocument":{"uri":{{Str(_victimUri)}},"version":{{++_victimVersion}} },"contentChanges":[{"text":"whole"}]}"""),
        _ => Request(idJson, "initialize", """{"processId":null,"capabilities":{},"rootUri":null}"""),
    };

    private string RandomJson(int depth)
    {
        var choice = _random.Next(depth <= 0 ? 6 : 8);
        return choice switch
        {
            0 => "null",
            1 => _random.Next(2) == 0 ? "true" : "false",
            2 => Pick("0", "-1", "1.5", "1e400", "-0", "123456789012345678901234567890", "2147483648"),
            3 => Str(Pick("", "x", "file:///qoder-fuzz/a.txt", "é😀\u0001\"\\", new string('s', _random.Next(0, 200)), "\ud83d")),
            4 => Str(_victimUri),
            5 => _random.Next(1_000).ToString(CultureInfo.InvariantCulture),
            6 => "[" + string.Join(",", Enumerable.Range(0, _random.Next(0, 4)).Select(_ => RandomJson(depth - 1))) + "]",
            _ => RandomObject(depth - 1),
        };
    }

    private string RandomObject(int depth)
    {
        var names = new[] { "textDocument", "uri", "version", "contentChanges", "text", "range", "settings", "qoder", "changes", "event", "added", "removed", "token", "id", "value", "x", "" };
        var members = Enumerable.Range(0, _random.Next(0, 5)).Select(_ => $"{Str(names[_random.Next(names.Length)])}:{RandomJson(depth)}");
        return "{" + string.Join(",", members) + "}";
    }

    private (string Json, string Key) NewId()
    {
        var id = _nextId++;
        return _random.Next(3) == 0 ? ($"\"fz-{id}\"", $"s:fz-{id}") : (id.ToString(CultureInfo.InvariantCulture), $"n:{id}");
    }

    private LspFuzzCase Case(string kind, string description, byte[] bytes) => new(_index, kind, description, bytes);

    private static LspFuzzCase Expect(LspFuzzCase fuzzCase, string key, params int[] codes) =>
        fuzzCase with { ExpectedIdKey = key, AllowedCodes = new HashSet<int>(codes) };

    private static LspFuzzCase NullIdErrors(LspFuzzCase fuzzCase, int code, int count) =>
        fuzzCase with { MinNullIdErrors = count, MaxNullIdErrors = count, NullIdCodes = new HashSet<int> { code } };

    private static string Request(string idJson, string method, string? parameters, bool rawMethod = false)
    {
        var methodJson = rawMethod ? $"\"{method}\"" : Str(method);
        return parameters is null
            ? $$"""{"jsonrpc":"2.0","id":{{idJson}},"method":{{methodJson}} }"""
            : $$"""{"jsonrpc":"2.0","id":{{idJson}},"method":{{methodJson}},"params":{{parameters}} }""";
    }

    private static string Notification(string method, string? parameters) =>
        parameters is null
            ? $$"""{"jsonrpc":"2.0","method":{{Str(method)}} }"""
            : $$"""{"jsonrpc":"2.0","method":{{Str(method)}},"params":{{parameters}} }""";

    private static byte[] Frame(string body) => Frame(Encoding.UTF8.GetBytes(body));

    private static byte[] Frame(byte[] body) => [.. Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n"), .. body];

    private static string Str(string value) => JsonSerializer.Serialize(value);

    private static bool IsJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Shorten(string text) => text.Length > 60 ? text[..60] + $"...({text.Length} chars)" : text;

    private T Pick<T>(params T[] choices) => choices[_random.Next(choices.Length)];
}
