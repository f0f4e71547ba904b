using Qoder.Lsp.Core.Text;
using Qoder.Lsp.Completion;
using Qoder.Lsp.Completion.Pipeline;

namespace Qoder.Lsp.Tests.Text;

public sealed class SecretFilesTests
{
    [TestCase("/p/.env")]
    [TestCase("/p/.env.production")]
    [TestCase("C:\\p\\certs\\server.pem")]
    [TestCase("/p/tls.key")]
    [TestCase("/home/u/.ssh/id_rsa")]
    [TestCase("/home/u/.ssh/id_ed25519.pub")]
    [TestCase("/p/cert.pfx")]
    [TestCase("/p/cert.p12")]
    [TestCase("/home/u/.npmrc")]
    [TestCase("/home/u/.netrc")]
    [TestCase("file:///p/.env")]
    public void SecretFilesGetNoPrompt(string path) =>
        Assert.That(new CompletionPipeline().BuildPrompt(new CompletionInput(path, "plaintext", path, "X=1", 2, Invoked: true), "m"), Is.Null);

    [TestCase("{ \"Jwt\": { \"SigningKey\": \"x\", \"ClientSecret\": \"y\" } }", true)]
    [TestCase("{ \"ConnectionStrings\": { \"Db\": \"Server=.\" } }", true)]
    [TestCase("{ \"ApiKey\": \"sk-1\" }", true)]
    [TestCase("{ \"Logging\": { \"LogLevel\": { \"Default\": \"Information\" } } }", false)]
    public void AppSettingsAreSecretOnlyWithSecretKeys(string json, bool secret) =>
        Assert.That(SecretFiles.IsSecret("/p/appsettings.Development.json", json), Is.EqualTo(secret));

    [TestCase("/p/src/environment.ts")]
    [TestCase("/p/keyboard.cs")]
    [TestCase("/p/README.md")]
    public void OrdinaryFilesAreNotSecret(string path) => Assert.That(SecretFiles.IsSecret(path, "token: x"), Is.False);

    [Test]
    public void SecretSnippetsAreDropped()
    {
        var input = new CompletionInput("file:///p/a.py", "python", "/p/a.py", "x = ", 4, Invoked: false)
        {
            Snippets = [new ContextSnippet("/p/.env", "PASSWORD=hunter2"), new ContextSnippet("/p/b.py", "y = 2")],
        };
        var prompt = new CompletionPipeline().BuildPrompt(input, "m")!.Request.Prompt;
        Assert.That(prompt, Does.Not.Contain("hunter2").And.Contain("# y = 2"));
    }

    [TestCase("/p/appsettings.json", "{ \"ApiKey\": \"k\" }", true)]
    [TestCase("/p/appsettings.json", "{ \"Logging\": {} }", false)]
    [TestCase("/p/.env.local", "X=1", true)]
    [TestCase("/p/Program.cs", "var token = \"x\";", false)]
    public void ADocumentIsJudgedLikeItsText(string path, string text, bool secret)
    {
        var document = new TextDocument("file://" + path, "plaintext", 1, text);

        Assert.That(SecretFiles.IsSecret(path, document), Is.EqualTo(secret));
        Assert.That(SecretFiles.DependsOnContent(path), Is.EqualTo(path.EndsWith(".json", StringComparison.Ordinal)), "only appsettings files are judged by their text");
    }
}
