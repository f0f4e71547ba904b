using Qoder.Lsp.Server.Doctor;
using Qoder.Lsp.Testing;

namespace Qoder.Lsp.Tests.Server;

public sealed class DoctorTests
{
    private const string Key = "sk-doctor-SECRET-0123456789";

    [Test]
    public async Task ReportsFilesEnvironmentModelsAndFeaturesWithSecretsMasked()
    {
        await using var model = await FakeModelServer.StartAsync();
        var home = Directory.CreateTempSubdirectory("qoder-doctor-home-").FullName;
        var workspace = Directory.CreateTempSubdirectory("qoder-doctor-ws-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(home, ".qoder"));
            await File.WriteAllTextAsync(Path.Combine(home, ".qoder", "settings.json"), "{ \"log\": { \"level\": \"debug\" } }");
            var environment = new Dictionary<string, string>
            {
                ["QODER_OPENAI_BASE_URL"] = model.BaseUrl,
                ["QODER_OPENAI_API_KEY"] = Key,
                ["QODER_CHAT_MODEL"] = "fake-model",
            };

            var (report, healthy) = await DoctorCommand.RunAsync(workspace, probe: true, name => environment.GetValueOrDefault(name), home, CancellationToken.None);

            Assert.Multiple(() =>
            {
                Assert.That(healthy, Is.True);
                Assert.That(report, Does.Not.Contain("SECRET"));
                Assert.That(report, Does.Contain("[found]").And.Contain(Path.Combine(home, ".qoder", "settings.json")));
                Assert.That(report, Does.Match(@"chat\s+reachable\s+env/fake-model"));
                Assert.That(report, Does.Match(@"completion\s+not configured"));
                Assert.That(report, Does.Contain("works now (no model needed)"));
                Assert.That(report, Does.Contain($"Workspace: {workspace}"));
            });
        }
        finally
        {
            Directory.Delete(home, recursive: true);
            Directory.Delete(workspace, recursive: true);
        }
    }

    [Test]
    public async Task AnUnreachableModelMakesDoctorUnhealthyAndSaysWhy()
    {
        var environment = new Dictionary<string, string> { ["QODER_OPENAI_BASE_URL"] = "http://127.0.0.1:9/v1", ["QODER_CHAT_MODEL"] = "m" };
        var home = Directory.CreateTempSubdirectory("qoder-doctor-home-").FullName;
        try
        {
            var (report, healthy) = await DoctorCommand.RunAsync(home, probe: true, name => environment.GetValueOrDefault(name), home, CancellationToken.None);

            Assert.That(healthy, Is.False);
            Assert.That(report, Does.Contain("UNREACHABLE").And.Contain("127.0.0.1:9"));
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }
}
