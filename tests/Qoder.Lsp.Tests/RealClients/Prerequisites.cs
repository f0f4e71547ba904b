namespace Qoder.Lsp.Tests.RealClients;

/// <summary>
/// Tools the real-client tests drive. A missing one fails the test (never skips it) and says how to get it,
/// because a skipped end-to-end test looks green in CI while testing nothing.
/// </summary>
internal static class Prerequisites
{
    public static string RequireExecutable(string name, string debianPackage, params string[] extraDirectories)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        var candidates = path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Concat(extraDirectories)
            .Select(directory => Path.Combine(directory, name));
        var found = candidates.FirstOrDefault(File.Exists);
        if (found is null)
        {
            Assert.Fail($"'{name}' is not installed. Run scripts/setup (it installs the Debian package '{debianPackage}').");
        }

        return found!;
    }

    public static string RequireServer()
    {
        if (!File.Exists(RealClientPaths.ServerExecutable))
        {
            Assert.Fail($"The server executable {RealClientPaths.ServerExecutable} is missing: build the test project (it copies qoder-lsp next to the tests).");
        }

        return RealClientPaths.ServerExecutable;
    }
}
