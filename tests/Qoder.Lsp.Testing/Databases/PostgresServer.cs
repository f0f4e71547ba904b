using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Qoder.Lsp.Testing.Databases;

/// <summary>
/// A private PostgreSQL 15 for tests and benchmarks: a temporary data directory, a free port on 127.0.0.1, password
/// authentication over TCP (so wrong-credential checks mean something), durability off for speed. No system service is
/// used. PostgreSQL refuses to run as root, so as root its tools run as the <c>postgres</c> user.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string BinDirectory = "/usr/lib/postgresql/15/bin";

    private readonly string _password;

    private PostgresServer(string directory, int port, string password)
    {
        Directory = directory;
        Port = port;
        _password = password;
    }

    public string Directory { get; }

    public int Port { get; }

    /// <param name="pooling">Off by default so tests that stop or break connections see fresh ones.</param>
    public string ConnectionString(string database = "postgres", string? password = null, bool pooling = false) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Password={password ?? _password};Database={database}" + (pooling ? "" : ";Pooling=false");

    /// <summary>Initialises and starts a server whose <c>postgres</c> user has <paramref name="password"/>.</summary>
    public static async Task<PostgresServer> StartAsync(string password, int maxConnections = 50)
    {
        if (!File.Exists(Path.Combine(BinDirectory, "initdb")))
        {
            throw new InvalidOperationException($"PostgreSQL 15 is not installed ({BinDirectory}/initdb is missing). Run scripts/setup, or apt-get install -y postgresql.");
        }

        var directory = System.IO.Directory.CreateTempSubdirectory("qoder-pg-").FullName;
        var port = FreePort();
        await File.WriteAllTextAsync(Path.Combine(directory, "pw"), password).ConfigureAwait(false);
        if (IsRoot)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", directory], TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }

        await RunAsPostgresAsync(
            $"{BinDirectory}/initdb -D {directory}/data -U postgres --auth-local=trust --auth-host=scram-sha-256 --pwfile={directory}/pw -E UTF8 --no-locale --no-sync",
            TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        await RunAsPostgresAsync(
            $"{BinDirectory}/pg_ctl -D {directory}/data -l {directory}/log -w -t 30 -o \"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections={maxConnections}\" start",
            TimeSpan.FromSeconds(45)).ConfigureAwait(false);
        return new PostgresServer(directory, port, password);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsPostgresAsync($"{BinDirectory}/pg_ctl -D {Directory}/data -m immediate -w stop", TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        }
        finally
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }

    /// <summary>True when this process runs as root (tools that refuse root must then run as another user).</summary>
    public static bool IsRoot => Environment.UserName == "root";

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs a tool to completion within <paramref name="timeout"/>; its output, or an exception with it when it fails.</summary>
    public static async Task<string> RunAsync(string file, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["LC_ALL"] = "C";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token).ConfigureAwait(false);
        var output = await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}:\n{output}");
        }

        return output;
    }

    private static Task<string> RunAsPostgresAsync(string command, TimeSpan timeout) =>
        IsRoot ? RunAsync("su", ["postgres", "-s", "/bin/sh", "-c", command], timeout) : RunAsync("/bin/sh", ["-c", command], timeout);
}
