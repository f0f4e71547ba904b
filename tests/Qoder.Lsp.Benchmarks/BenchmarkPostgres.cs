using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Qoder.Lsp.Benchmarks;

/// <summary>
/// A throw-away PostgreSQL 15 on 127.0.0.1 with a temporary data directory (as root, its tools run as the
/// postgres user, which initdb requires); stopped and deleted on dispose.
/// </summary>
internal sealed class BenchmarkPostgres : IAsyncDisposable
{
    public const string Password = "bench-pg-password-9931";
    private const string Bin = "/usr/lib/postgresql/15/bin";

    private BenchmarkPostgres(string directory, int port)
    {
        Directory = directory;
        Port = port;
    }

    public string Directory { get; }
    public int Port { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Password={Password};Database=postgres";

    public static async Task<BenchmarkPostgres> StartAsync()
    {
        if (!File.Exists(Path.Combine(Bin, "initdb")))
        {
            throw new BenchmarkFailedException($"PostgreSQL 15 is not installed ({Bin}/initdb); run scripts/setup.");
        }

        var directory = System.IO.Directory.CreateTempSubdirectory("qoder-bench-pg-").FullName;
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        await File.WriteAllTextAsync(Path.Combine(directory, "pw"), Password).ConfigureAwait(false);
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", ["-R", "postgres:postgres", directory]).ConfigureAwait(false);
        }

        await RunAsPostgresAsync($"{Bin}/initdb -D {directory}/data -U postgres --auth-local=trust --auth-host=scram-sha-256 --pwfile={directory}/pw -E UTF8 --no-locale --no-sync").ConfigureAwait(false);
        await RunAsPostgresAsync($"{Bin}/pg_ctl -D {directory}/data -l {directory}/log -w -t 60 -o \"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off\" start").ConfigureAwait(false);
        return new BenchmarkPostgres(directory, port);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsPostgresAsync($"{Bin}/pg_ctl -D {Directory}/data -m immediate -w stop").ConfigureAwait(false);
        }
        finally
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }

    private static Task RunAsPostgresAsync(string command) =>
        Environment.UserName == "root" ? RunAsync("su", ["postgres", "-s", "/bin/sh", "-c", command]) : RunAsync("/bin/sh", ["-c", command]);

    private static async Task RunAsync(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["LC_ALL"] = "C";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new BenchmarkFailedException($"{file} failed ({process.ExitCode}): {await output.ConfigureAwait(false)}{await errors.ConfigureAwait(false)}");
        }
    }
}
