using System.Text.Json;
using Qoder.Lsp.Core.Configuration;

namespace Qoder.Lsp.Tests.Configuration;

public sealed class SettingsProviderChangeTests
{
    [Test]
    public void ChangedFiresOnlyWhenTheMergedResultChanges()
    {
        var fs = new FakeFileSystem();
        fs.Write(fs.UserSettingsPath, """{ "log": { "level": "info" } }""");
        var provider = new SettingsProvider(fs, _ => null);
        var events = new List<SettingsChangedEventArgs>();
        provider.Changed += (_, e) => events.Add(e);

        provider.Reload();
        fs.Write(fs.UserSettingsPath, """
            // same values, new formatting
            {
              "log": { "level": "info", },
            }
            """);
        provider.Reload();
        Assert.That(events, Is.Empty);

        var before = provider.Current;
        fs.Write(fs.UserSettingsPath, """{ "log": { "level": "debug" } }""");
        var after = provider.Reload();

        Assert.That(events, Has.Count.EqualTo(1));
        Assert.That(events[0].Previous, Is.SameAs(before));
        Assert.That(events[0].Current, Is.SameAs(after));
        Assert.That(events[0].Current.Settings.Log.Level, Is.EqualTo("debug"));
        Assert.That(provider.Current, Is.SameAs(after));
    }

    [Test]
    public void ChangedFiresForClientAndWorkspaceChangesThatMatterOnly()
    {
        var fs = new FakeFileSystem();
        fs.Write(FakeFileSystem.ProjectSettingsPath("/ws/a"), """{ "x": 1 }""");
        var provider = new SettingsProvider(fs, _ => null);
        var count = 0;
        provider.Changed += (_, _) => count++;

        provider.SetClientSettings(Json("""{ "qoder": { "y": 2 } }"""));
        provider.SetClientSettings(Json("""{ "qoder": { "y": 2 } }"""));
        provider.SetInitializationOptions(Json("""{ "y": 2 }"""));
        Assert.That(count, Is.EqualTo(1), "the same client values again, or the same value from a lower source, change nothing");

        provider.SetWorkspaceFolders(["/ws/b"]);
        Assert.That(count, Is.EqualTo(1), "a folder without settings changes nothing");

        provider.SetWorkspaceFolders(["/ws/a", "/ws/b"]);
        Assert.That(count, Is.EqualTo(2));
    }

    [Test]
    public void ABrokenSaveReplacesTheSourceAndFixingItRestoresIt()
    {
        var fs = new FakeFileSystem();
        fs.Write(fs.UserSettingsPath, """{ "log": { "level": "debug" } }""");
        var provider = new SettingsProvider(fs, _ => null);
        var events = new List<SettingsChangedEventArgs>();
        provider.Changed += (_, e) => events.Add(e);

        fs.Write(fs.UserSettingsPath, """{ "log": { "level": "trace" """);
        provider.Reload();
        fs.Write(fs.UserSettingsPath, """{ "log": { "level": "trace" } }""");
        provider.Reload();

        Assert.That(events.Select(e => e.Current.Settings.Log.Level), Is.EqualTo(new[] { null, "trace" }));
        Assert.That(events[0].Current.Problems, Has.Count.EqualTo(1));
        Assert.That(events[1].Current.Problems, Is.Empty);
    }

    [Test]
    public void SettingsFilesChangedFiresWhenTheFilesLookedForChange()
    {
        var provider = new SettingsProvider(new FakeFileSystem(), _ => null);
        var count = 0;
        provider.SettingsFilesChanged += (_, _) => count++;

        provider.SetWorkspaceFolders(["/ws/a"]);
        provider.SetWorkspaceFolders(["/ws/a", "/ws/a/"]);
        provider.Reload();

        Assert.That(count, Is.EqualTo(1));
        Assert.That(provider.WorkspaceFolders, Is.EqualTo(new[] { "/ws/a" }));
    }

    [Test]
    public void SnapshotsAreImmutable()
    {
        var fs = new FakeFileSystem();
        fs.Write(fs.UserSettingsPath, """{ "log": { "level": "debug" } }""");
        var snapshot = new SettingsProvider(fs, _ => null).Current;

        var copy = snapshot.ToJsonObject();
        copy["log"]!["level"] = "changed";

        Assert.That(snapshot.Merged.GetProperty("log").GetProperty("level").GetString(), Is.EqualTo("debug"));
        Assert.That(snapshot.ToJsonObject()["log"]!["level"]!.GetValue<string>(), Is.EqualTo("debug"));
    }

    [Test]
    public void AHandlerCanReadTheProviderWhileBeingNotified()
    {
        var fs = new FakeFileSystem();
        var provider = new SettingsProvider(fs, _ => null);
        string? seen = null;
        provider.Changed += (_, _) => seen = provider.Current.Settings.Log.Level;

        fs.Write(fs.UserSettingsPath, """{ "log": { "level": "warning" } }""");
        provider.Reload();

        Assert.That(seen, Is.EqualTo("warning"));
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
