using Qoder.Lsp.Core.Configuration;

namespace Qoder.Lsp.Tests.Configuration;

public sealed class SettingsFileWatcherTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(15);

    private string _temp = null!;
    private string _home = null!;
    private string _root = null!;

    [SetUp]
    public void CreateDirectories()
    {
        _temp = Directory.CreateTempSubdirectory("qoder-settings-").FullName;
        _home = Directory.CreateDirectory(Path.Combine(_temp, "home")).FullName;
        _root = Directory.CreateDirectory(Path.Combine(_temp, "project")).FullName;
    }

    [TearDown]
    public void DeleteDirectories() => Directory.Delete(_temp, recursive: true);

    [Test]
    public async Task AWriteToTheProjectSettingsFileIsPickedUp()
    {
        Directory.CreateDirectory(Path.Combine(_root, ".qoder"));
        var provider = new SettingsProvider(new PhysicalFileSystem(_home), _ => null);
        provider.SetWorkspaceFolders([_root]);
        using var watcher = new SettingsFileWatcher(provider, debounce: TimeSpan.FromMilliseconds(50));
        watcher.Start();
        var changed = WaitForLogLevel(provider, "debug");

        await File.WriteAllTextAsync(Path.Combine(_root, ".qoder", "settings.json"), """{ "log": { "level": "debug" } }""");

        var snapshot = await changed.WaitAsync(Generous);
        Assert.That(snapshot.FoundFiles, Does.Contain(Path.Combine(_root, ".qoder", "settings.json")));
    }

    [Test]
    public async Task ASettingsDirectoryCreatedLaterIsPickedUp()
    {
        var provider = new SettingsProvider(new PhysicalFileSystem(_home), _ => null);
        using var watcher = new SettingsFileWatcher(provider, debounce: TimeSpan.FromMilliseconds(50));
        watcher.Start();
        provider.SetWorkspaceFolders([_root]);
        Assert.That(watcher.WatchedDirectories, Is.EquivalentTo(new[] { _home, _root }), "missing .qoder directories are watched for from their parents");
        var changed = WaitForLogLevel(provider, "trace");

        Directory.CreateDirectory(Path.Combine(_root, ".qoder"));
        await File.WriteAllTextAsync(Path.Combine(_root, ".qoder", "settings.local.json"), """{ "log": { "level": "trace" } }""");

        var snapshot = await changed.WaitAsync(Generous);
        Assert.That(snapshot.Settings.Log.Level, Is.EqualTo("trace"));
        Assert.That(watcher.WatchedDirectories, Does.Contain(Path.Combine(_root, ".qoder")));
    }

    [Test]
    public async Task AnEditorStyleRenameOverTheUserFileIsPickedUp()
    {
        var userDirectory = Directory.CreateDirectory(Path.Combine(_home, ".qoder")).FullName;
        await File.WriteAllTextAsync(Path.Combine(userDirectory, "settings.json"), """{ "log": { "level": "info" } }""");
        var provider = new SettingsProvider(new PhysicalFileSystem(_home), _ => null);
        using var watcher = new SettingsFileWatcher(provider, debounce: TimeSpan.FromMilliseconds(50));
        watcher.Start();
        var changed = WaitForLogLevel(provider, "error");

        var temporary = Path.Combine(userDirectory, "settings.json.tmp");
        await File.WriteAllTextAsync(temporary, """{ "log": { "level": "error" } }""");
        File.Move(temporary, Path.Combine(userDirectory, "settings.json"), overwrite: true);

        Assert.That((await changed.WaitAsync(Generous)).Settings.Log.Level, Is.EqualTo("error"));
    }

    [Test]
    public void RequestsAreDebouncedIntoOneReloadAfterTheLastOne()
    {
        var fs = new FakeFileSystem();
        fs.Write(fs.UserSettingsPath, "{}");
        var provider = new SettingsProvider(fs, _ => null);
        var clock = new FakeDebounceClock();
        using var watcher = new SettingsFileWatcher(provider, clock, TimeSpan.FromMilliseconds(100));
        var reads = fs.Reads;

        watcher.RequestReload();
        clock.Advance(TimeSpan.FromMilliseconds(60));
        watcher.RequestReload();
        clock.Advance(TimeSpan.FromMilliseconds(60));
        watcher.RequestReload();
        clock.Advance(TimeSpan.FromMilliseconds(99));
        Assert.That(fs.Reads, Is.EqualTo(reads), "no reload while requests keep coming");

        fs.Write(fs.UserSettingsPath, """{ "log": { "level": "debug" } }""");
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.That(fs.Reads, Is.EqualTo(reads + 1));
        Assert.That(provider.Current.Settings.Log.Level, Is.EqualTo("debug"));

        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.That(fs.Reads, Is.EqualTo(reads + 1), "one reload per burst");
    }

    [Test]
    public void ReloadIsImmediateAndNothingHappensAfterDispose()
    {
        var fs = new FakeFileSystem();
        var provider = new SettingsProvider(fs, _ => null);
        var clock = new FakeDebounceClock();
        var watcher = new SettingsFileWatcher(provider, clock);

        fs.Write(fs.UserSettingsPath, """{ "log": { "level": "debug" } }""");
        Assert.That(watcher.Reload().Settings.Log.Level, Is.EqualTo("debug"));

        watcher.RequestReload();
        watcher.Dispose();
        fs.Write(fs.UserSettingsPath, """{ "log": { "level": "trace" } }""");
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.That(provider.Current.Settings.Log.Level, Is.EqualTo("debug"));
        Assert.That(() => watcher.Start(), Throws.TypeOf<ObjectDisposedException>());
    }

    private static Task<SettingsSnapshot> WaitForLogLevel(SettingsProvider provider, string level)
    {
        var completion = new TaskCompletionSource<SettingsSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        provider.Changed += (_, e) =>
        {
            if (e.Current.Settings.Log.Level == level)
            {
                completion.TrySetResult(e.Current);
            }
        };
        return completion.Task;
    }
}
