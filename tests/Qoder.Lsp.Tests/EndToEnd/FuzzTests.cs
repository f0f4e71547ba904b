using System.Text;
using System.Text.Json;
using Qoder.Lsp.Server;
using Qoder.Lsp.Testing.Processes;

namespace Qoder.Lsp.Tests.EndToEnd;

/// <summary>
/// Over a thousand malformed and unusual messages (from a fixed seed, so a failure reproduces) at the running
/// server over stdio. After each one a qoder/status "ping" marks where its answers end, so every answer is
/// checked against that message alone. Afterwards the server must still serve, a document opened before the
/// barrage must be intact, and the session must end normally.
/// </summary>
public sealed class FuzzTests : EndToEndTest
{
    private const int Seed = 20_240_611;
    private const int CaseCount = 1_200;
    private const int MaxReportedFailures = 25;
    private const string LostPing = "the ping after the case was never answered (the server stopped reading or lost framing)";

    [Test]
    public async Task The_server_answers_malformed_input_with_the_right_errors_and_keeps_serving()
    {
        var server = StartServer("--stdio");
        var connection = ConnectRaw(server);
        var initialize = await connection.RequestAsync("init", "initialize", new { processId = Environment.ProcessId, capabilities = new { } }, Timeout);
        Assert.That(initialize.Result?.ValueKind, Is.EqualTo(JsonValueKind.Object), initialize.Text);
        await connection.SendNotificationAsync("initialized", new { });

        // A document the fuzzer never names: it must come out of the barrage exactly as it went in.
        var intactUri = DocumentUri("intact.c");
        await connection.SendNotificationAsync("textDocument/didOpen", new { textDocument = new { uri = intactUri, languageId = "c", version = 1, text = "int main()\r\n{\r\n    return 😀;\r\n}" } });
        var victimUri = DocumentUri("victim.txt");
        await connection.SendNotificationAsync("textDocument/didOpen", new { textDocument = new { uri = victimUri, languageId = "plaintext", version = 1, text = "victim\n" } });

        var fuzzer = new LspFuzzer(Seed, victimUri);
        var maxMessageBytes = new ServerOptions().MaxMessageBytes;
        var failures = new List<string>();
        var tally = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var notifications = 0;
        for (var i = 0; i < CaseCount && failures.Count < MaxReportedFailures; i++)
        {
            var fuzzCase = i switch
            {
                300 or 900 => fuzzer.LargeWithinLimit(2_000_000 + i),
                600 => fuzzer.BeyondLimit(maxMessageBytes),
                _ => fuzzer.Next(),
            };

            var (failure, received) = await RunCaseAsync(connection, fuzzCase, $"sync-{i}");
            if (failure is not null)
            {
                failures.Add($"{fuzzCase}{Environment.NewLine}  problem: {failure}{Environment.NewLine}  received: {received}");
                if (failure.Contains(LostPing, StringComparison.Ordinal))
                {
                    break; // the stream is out of step: later cases would only time out one by one
                }
            }

            foreach (var line in received.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var key = line.Trim();
                if (key.StartsWith("notification", StringComparison.Ordinal))
                {
                    notifications++;
                }
                else
                {
                    tally[key] = tally.GetValueOrDefault(key) + 1;
                }
            }
        }

        await TestContext.Out.WriteLineAsync($"Fuzz seed {Seed}: {CaseCount} cases; answers: {string.Join(", ", tally.Select(pair => $"{pair.Key} x{pair.Value}"))}; {notifications} notifications.");
        Assert.That(failures, Is.Empty, () => $"{failures.Count} fuzz cases went wrong (seed {Seed}):{Environment.NewLine}{string.Join(Environment.NewLine, failures)}{server.Diagnostics()}");

        // Still serving.
        var status = await connection.RequestAsync("after", "qoder/status", null, Timeout);
        Assert.That(status.Result?.GetProperty("state").GetString(), Is.Not.Null, status.Text);

        await AssertIntactAsync(connection, intactUri);

        var shutdown = await connection.RequestAsync("bye", "shutdown", null, Timeout);
        Assert.That(shutdown.Result?.ValueKind, Is.EqualTo(JsonValueKind.Null), shutdown.Text);
        await connection.SendNotificationAsync("exit", null);
        Assert.That(await server.WaitForExitAsync(Timeout), Is.EqualTo(0), server.Diagnostics());
        await connection.ReadLoop.WaitAsync(Timeout); // no framing violation on stdout during the whole barrage
        Assert.That(server.StandardError, Does.Not.Contain("Unhandled exception").And.Not.Contain(" fail ").And.Not.Contain(" crit "), server.Diagnostics());
    }

    /// <returns>A problem description (null when the server answered correctly) and a summary of what it sent.</returns>
    private static async Task<(string? Failure, string Received)> RunCaseAsync(LspRawConnection connection, LspFuzzCase fuzzCase, string pingId)
    {
        await connection.WriteRawAsync(fuzzCase.Bytes);
        await connection.SendRequestAsync(pingId, "qoder/status", null);

        var pingKey = "s:" + pingId;
        var pingSeen = false;
        JsonElement? answer = null;
        var nullIdCodes = new List<int>();
        var problems = new List<string>();
        var received = new StringBuilder();
        var deadline = DateTime.UtcNow + fuzzCase.Timeout;
        while (!pingSeen || (fuzzCase.ExpectedIdKey is not null && answer is null))
        {
            LspFrame frame;
            try
            {
                var left = deadline - DateTime.UtcNow;
                frame = await connection.ReadFrameAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero);
            }
            catch (TimeoutException)
            {
                problems.Add(pingSeen ? $"no answer for id {fuzzCase.ExpectedIdKey}" : LostPing);
                break;
            }
            catch (Exception ex) when (ex is EndOfStreamException or InvalidDataException or IOException)
            {
                problems.Add($"{LostPing}: {ex.Message}");
                break;
            }

            if (!frame.IsResponse)
            {
                received.Append(frame.IsRequest ? $"server request {frame.Method}\n" : $"notification {frame.Method}\n");
                continue;
            }

            var key = LspFuzzer.IdKey(frame.Json.GetProperty("id"));
            if (key == pingKey)
            {
                pingSeen = true;
                if (frame.ErrorCode is { } pingError)
                {
                    problems.Add($"the ping failed with {pingError}: {frame}");
                }

                continue;
            }

            received.Append(key == "null" ? "null id " : "id ").Append(frame.ErrorCode is { } code ? $"error {code}" : "result").Append('\n');
            if (key == fuzzCase.ExpectedIdKey)
            {
                if (answer is not null)
                {
                    problems.Add($"a second answer for the same id: {frame}");
                }

                answer = frame.Json;
                if (frame.ErrorCode is { } errorCode ? !fuzzCase.AllowedCodes.Contains(errorCode) : !fuzzCase.ResultAllowed)
                {
                    problems.Add($"wrong answer {frame} (allowed: {string.Join(", ", fuzzCase.AllowedCodes)}{(fuzzCase.ResultAllowed ? ", a result" : "")})");
                }
            }
            else if (key == "null")
            {
                if (frame.ErrorCode is { } errorCode)
                {
                    nullIdCodes.Add(errorCode);
                }
                else if (!fuzzCase.NullIdResultAllowed)
                {
                    problems.Add($"a result with a null id: {frame}");
                }
            }
            else
            {
                problems.Add($"an answer to an id this case did not send: {frame}");
            }
        }

        if (nullIdCodes.Count < fuzzCase.MinNullIdErrors || nullIdCodes.Count > fuzzCase.MaxNullIdErrors || nullIdCodes.Any(code => !fuzzCase.NullIdCodes.Contains(code)))
        {
            problems.Add($"id-less errors [{string.Join(", ", nullIdCodes)}], expected {fuzzCase.MinNullIdErrors}-{fuzzCase.MaxNullIdErrors} of [{string.Join(", ", fuzzCase.NullIdCodes)}]");
        }

        return (problems.Count == 0 ? null : string.Join("; ", problems), received.ToString().Replace("\n", " | ", StringComparison.Ordinal));
    }

    /// <summary>
    /// Edits valid only if the document still has its original text, in UTF-16 units with CRLF line breaks: the
    /// server refuses (and reports) an edit at a position its text does not have. The first change must pass; the
    /// second is made invalid on purpose, so its rejection shows the check itself works.
    /// </summary>
    private static async Task AssertIntactAsync(LspRawConnection connection, string uri)
    {
        // "    return 😀;" is 14 UTF-16 units; "}" is the last line, 1 unit, with no line break after it.
        await connection.SendNotificationAsync("textDocument/didChange", new
        {
            textDocument = new { uri, version = 2 },
            contentChanges = new object[]
            {
                new { range = new { start = new { line = 2, character = 14 }, end = new { line = 2, character = 14 } }, text = " " },
                new { range = new { start = new { line = 3, character = 1 }, end = new { line = 3, character = 1 } }, text = "\n" },
            },
        });
        // Line 4 is now empty, so character 1 does not exist.
        await connection.SendNotificationAsync("textDocument/didChange", new
        {
            textDocument = new { uri, version = 3 },
            contentChanges = new[] { new { range = new { start = new { line = 4, character = 1 }, end = new { line = 4, character = 1 } }, text = "x" } },
        });

        var seen = new List<LspFrame>();
        var rejection = await connection.ReadUntilAsync(frame => frame.Method == "window/logMessage" && IsRejectionOf(frame, uri), Timeout, seen);
        Assert.That(LogText(rejection), Does.Contain("2 -> 3"), "the deliberately invalid edit is the one refused");
        Assert.That(seen.Where(frame => IsRejectionOf(frame, uri)).Select(LogText), Is.Empty, "the valid edit was accepted, so the text was intact");
    }

    private static string LogText(LspFrame frame) =>
        frame.Params is { ValueKind: JsonValueKind.Object } parameters && parameters.TryGetProperty("message", out var message) ? message.GetString() ?? "" : "";

    private static bool IsRejectionOf(LspFrame frame, string uri) =>
        frame.Method == "window/logMessage" && LogText(frame) is var text && text.Contains("rejected an edit", StringComparison.Ordinal) && text.Contains(uri, StringComparison.Ordinal);
}
