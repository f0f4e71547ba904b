using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Qoder.Lsp.Testing;
using Qoder.Lsp.Tests.Completion.Service;
using Qoder.Lsp.Tests.EndToEnd;

namespace Qoder.Lsp.Tests.Models;

/// <summary>
/// Against an HTTPS provider that offers HTTP/2, a completion superseded by the next keystroke (or stopped early) resets only its stream:
/// the next completion reuses the warm connection instead of paying a new TCP + TLS handshake. Real server process,
/// real TLS, the test's own certificate trusted through SSL_CERT_FILE.
/// </summary>
public sealed class Http2ConnectionReuseTests : EndToEndTest
{
    [Test]
    public async Task A_superseded_completion_resets_its_stream_and_the_next_one_reuses_the_connection()
    {
        using var certificate = CreateLoopbackCertificate();
        var certificateFile = Path.Combine(Path.GetTempPath(), $"qoder-test-ca-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(certificateFile, certificate.ExportCertificatePem());
        TrackDisposable(new FileDeletion(certificateFile));
        var model = Track(await FakeModelServer.StartTlsAsync(certificate));
        model.Enqueue(FakeReply.Hang());
        model.DefaultReply = FakeReply.Text("Hello", "World");
        // Debug logs on stderr, so that a failure's message shows what the server did with each request.
        var server = StartServer(new Dictionary<string, string?> { ["SSL_CERT_FILE"] = certificateFile }, "--stdio", "--log-level", "debug");
        var client = ConnectStdio(server);
        await client.InitializeAsync(initializationOptions: InlineCompletionLspTests.ModelSettings(model.BaseUrl));
        await client.NotifyAsync("initialized", new { });
        var uri = "file:///repo/greeting.cs";
        await client.NotifyAsync("textDocument/didOpen", new { textDocument = new { uri, languageId = "csharp", version = 1, text = "var a = ;\n" } });

        // The user edits while the model is still thinking (a backspace, so the running generation cannot be
        // reused for the new spot): the newer request supersedes the older one.
        var superseded = client.RequestAsync("textDocument/inlineCompletion", Request(uri, character: 8));
        var hanging = await model.WaitForRequestAsync(0).WaitAsync(Timeout);
        await client.NotifyAsync("textDocument/didChange", new
        {
            textDocument = new { uri, version = 2 },
            contentChanges = new[] { new { range = new { start = new { line = 0, character = 7 }, end = new { line = 0, character = 8 } }, text = "" } },
        });
        var answer = client.RequestAsync("textDocument/inlineCompletion", Request(uri, character: 7));
        if (await Task.WhenAny(answer, Task.Delay(Timeout)) != answer)
        {
            Assert.Fail($"The newer completion was not answered within {Timeout.TotalSeconds} s; the model saw {model.RequestsTo("/completions").Count} request(s).\n{server.Diagnostics()}");
        }

        var next = await answer;

        Assert.That(async () => await superseded.WaitAsync(Timeout), Throws.Exception, "the older request is answered with an error");
        // A hanging reply ends only when its stream is reset (the fake is not shutting down yet).
        await hanging.Completed.WaitAsync(Timeout);
        Assert.That(next.GetProperty("items")[0].GetProperty("insertText").GetString(), Is.EqualTo("HelloWorld"), server.Diagnostics());
        var requests = model.RequestsTo("/completions");
        Assert.That(requests, Has.Count.EqualTo(2));
        Assert.That(requests.Select(request => request.Protocol), Is.All.EqualTo("HTTP/2"));
        Assert.That(requests[1].ConnectionId, Is.EqualTo(requests[0].ConnectionId), "resetting the stream must not cost the connection");
        await client.ShutdownAndExitAsync();
    }

    private static object Request(string uri, int character) => new
    {
        textDocument = new { uri },
        position = new { line = 0, character },
        context = new { triggerKind = 2 },
    };

    /// <summary>A self-signed CA certificate for 127.0.0.1 that is also the server certificate.</summary>
    private static X509Certificate2 CreateLoopbackCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
    }

    private sealed class FileDeletion(string path) : IDisposable
    {
        public void Dispose() => File.Delete(path);
    }
}
