using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MySqlConnector;
using Npgsql;

namespace Qoder.Lsp.Tests.Database;

/// <summary>
/// Real PostgreSQL 15 and MariaDB servers for the database tests, each started at most once per test
/// run (on first use) on 127.0.0.1 with a free port and a temporary data directory, and stopped by
/// <see cref="RealDatabaseServersTearDown"/>. No system service is used. Both require password
/// authentication over TCP so wrong-credential tests mean something. Missing binaries fail with what
/// to install (scripts/setup installs them).
/// </summary>
internal static class RealDatabaseServers
{
    public const string PostgresPassword = "pg-Sup3r-secret-7731";
    public const string MariaDbUser = "qoder";
    public const string MariaDbPassword = "maria-S3cret-pass-4419";

    private const string PostgresBin = "/usr/lib/postgresql/15/bin";
    private static readonly string[] MariaDbServerCandidates = ["/usr/sbin/mariadbd", "/usr/bin/mariadbd"];
    private static readonly Lock Gate = new();
    private static Task<PostgresInstance>? _postgres;
    private static Task<MariaDbInstance>? _mariaDb;

    public static Task<PostgresInstance> PostgresAsync()
    {
        lock (Gate)
        {
            return _postgres ??= Task.Run(PostgresInstance.StartAsync);
        }
    }

    public static Task<MariaDbInstance> MariaDbAsync()
    {
        lock (Gate)
        {
            return _mariaDb ??= Task.Run(MariaDbInstance.StartAsync);
        }
    }

    public static async Task StopAllAsync()
    {
        Task<PostgresInstance>? postgres;
        Task<MariaDbInstance>? mariaDb;
        lock (Gate)
        {
            (postgres, mariaDb, _postgres, _mariaDb) = (_postgres, _mariaDb, null, null);
        }

        if (postgres is { IsCompletedSuccessfully: true })
        {
            await postgres.Result.StopAsync();
        }

        if (mariaDb is { IsCompletedSuccessfully: true })
        {
            await mariaDb.Result.StopAsync();
        }
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<string> RunAsync(string file, IEnumerable<string> arguments, TimeSpan timeout)
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
        await process.WaitForExitAsync(cancel.Token);
        var output = await stdout + await stderr;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}:\n{output}");
        }

        return output;
    }

    /// <summary>PostgreSQL refuses to run as root: as root, run its tools as the postgres user.</summary>
    private static Task<string> RunAsPostgresAsync(string command, TimeSpan timeout) =>
        IsRoot ? RunAsync("su", ["postgres", "-s", "/bin/sh", "-c", command], timeout) : RunAsync("/bin/sh", ["-c", command], timeout);

    internal sealed class PostgresInstance
    {
        private PostgresInstance(string directory, int port)
        {
            Directory = directory;
            Port = port;
        }

        public string Directory { get; }
        public int Port { get; }

        public string ConnectionString(string database = "postgres", string password = PostgresPassword) =>
            $"Host=127.0.0.1;Port={Port};Username=postgres;Password={password};Database={database};Pooling=false";

        public static async Task<PostgresInstance> StartAsync()
        {
            if (!File.Exists(Path.Combine(PostgresBin, "initdb")))
            {
                throw new InvalidOperationException($"PostgreSQL 15 is not installed ({PostgresBin}/initdb is missing). Run scripts/setup, or apt-get install -y postgresql.");
            }

            var directory = System.IO.Directory.CreateTempSubdirectory("qoder-pg-").FullName;
            var port = FreePort();
            await File.WriteAllTextAsync(Path.Combine(directory, "pw"), PostgresPassword);
            if (IsRoot)
            {
                await RunAsync("chown", ["-R", "postgres:postgres", directory], TimeSpan.FromSeconds(10));
            }

            await RunAsPostgresAsync(
                $"{PostgresBin}/initdb -D {directory}/data -U postgres --auth-local=trust --auth-host=scram-sha-256 --pwfile={directory}/pw -E UTF8 --no-locale --no-sync",
                TimeSpan.FromSeconds(60));
            await RunAsPostgresAsync(
                $"{PostgresBin}/pg_ctl -D {directory}/data -l {directory}/log -w -t 30 -o \"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=50\" start",
                TimeSpan.FromSeconds(45));
            return new PostgresInstance(directory, port);
        }

        /// <summary>A fresh database for one test class.</summary>
        public async Task<string> CreateDatabaseAsync(string name)
        {
            await using var connection = new NpgsqlConnection(ConnectionString());
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"DROP DATABASE IF EXISTS {name}; CREATE DATABASE {name};";
            await command.ExecuteNonQueryAsync();
            return ConnectionString(name);
        }

        public async Task StopAsync()
        {
            try
            {
                await RunAsPostgresAsync($"{PostgresBin}/pg_ctl -D {Directory}/data -m immediate -w stop", TimeSpan.FromSeconds(30));
            }
            finally
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
        }
    }

    internal sealed class MariaDbInstance
    {
        private readonly Process _process;

        private MariaDbInstance(string directory, int port, Process process)
        {
            Directory = directory;
            Port = port;
            _process = process;
        }

        public string Directory { get; }
        public int Port { get; }

        public string ConnectionString(string? database = null, string password = MariaDbPassword) =>
            $"Server=127.0.0.1;Port={Port};User ID={MariaDbUser};Password={password};Pooling=false" + (database is null ? string.Empty : $";Database={database}");

        private string SocketConnectionString => $"Server={Directory}/sock;Protocol=Unix;User ID=root;Pooling=false";

        public static async Task<MariaDbInstance> StartAsync()
        {
            var server = MariaDbServerCandidates.FirstOrDefault(File.Exists)
                ?? throw new InvalidOperationException("MariaDB is not installed (no mariadbd). Run scripts/setup, or apt-get install -y mariadb-server.");
            var directory = System.IO.Directory.CreateTempSubdirectory("qoder-mariadb-").FullName;
            var port = FreePort();
            List<string> user = IsRoot ? ["--user=root"] : [];
            await RunAsync("mariadb-install-db", ["--no-defaults", .. user, $"--datadir={directory}/data", "--auth-root-authentication-method=normal", "--skip-test-db"], TimeSpan.FromSeconds(90));
            var start = new ProcessStartInfo(server) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in (string[])["--no-defaults", .. user, $"--datadir={directory}/data", $"--socket={directory}/sock", $"--port={port}",
                         "--bind-address=127.0.0.1", $"--pid-file={directory}/pid", $"--log-error={directory}/error.log", "--skip-log-bin",
                         "--innodb-buffer-pool-size=32M", "--innodb-flush-log-at-trx-commit=0", "--skip-name-resolve"])
            {
                start.ArgumentList.Add(argument);
            }

            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var instance = new MariaDbInstance(directory, port, process);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (true)
            {
                try
                {
                    await using var connection = new MySqlConnection(instance.SocketConnectionString);
                    await connection.OpenAsync();
                    await using var command = connection.CreateCommand();
                    command.CommandText = $"CREATE USER IF NOT EXISTS '{MariaDbUser}'@'%' IDENTIFIED BY '{MariaDbPassword}'; GRANT ALL ON *.* TO '{MariaDbUser}'@'%'; FLUSH PRIVILEGES;";
                    await command.ExecuteNonQueryAsync();
                    return instance;
                }
                catch (MySqlException) when (DateTime.UtcNow < deadline && !process.HasExited)
                {
                    await Task.Delay(200);
                }
                catch (Exception ex) when (process.HasExited || DateTime.UtcNow >= deadline)
                {
                    var log = File.Exists($"{directory}/error.log") ? await File.ReadAllTextAsync($"{directory}/error.log") : "(no log)";
                    await instance.StopAsync();
                    throw new InvalidOperationException($"MariaDB did not start: {ex.Message}\n{log}");
                }
            }
        }

        public async Task<string> CreateDatabaseAsync(string name)
        {
            await using var connection = new MySqlConnection(ConnectionString());
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"DROP DATABASE IF EXISTS {name}; CREATE DATABASE {name};";
            await command.ExecuteNonQueryAsync();
            return ConnectionString(name);
        }

        public async Task StopAsync()
        {
            try
            {
                if (!_process.HasExited)
                {
                    await RunAsync("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(5));
                    using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                    try
                    {
                        await _process.WaitForExitAsync(wait.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        _process.Kill();
                    }
                }
            }
            finally
            {
                _process.Dispose();
                System.IO.Directory.Delete(Directory, recursive: true);
            }
        }
    }
}

/// <summary>Stops the real database servers once every test of this namespace has run.</summary>
[SetUpFixture]
public sealed class RealDatabaseServersTearDown
{
    [OneTimeTearDown]
    public async Task StopServers() => await RealDatabaseServers.StopAllAsync();
}
