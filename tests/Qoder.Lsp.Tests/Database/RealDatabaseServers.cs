using System.Diagnostics;
using MySqlConnector;
using Npgsql;
using Qoder.Lsp.Testing.Databases;

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

    private static bool IsRoot => PostgresServer.IsRoot;

    private static int FreePort() => PostgresServer.FreePort();

    private static Task<string> RunAsync(string file, IEnumerable<string> arguments, TimeSpan timeout) => PostgresServer.RunAsync(file, arguments, timeout);

    /// <summary>The shared <see cref="PostgresServer"/> with what the tests add: a fresh database per test class.</summary>
    internal sealed class PostgresInstance(PostgresServer server)
    {
        public string Directory => server.Directory;

        public int Port => server.Port;

        public string ConnectionString(string database = "postgres", string password = PostgresPassword) => server.ConnectionString(database, password);

        public static async Task<PostgresInstance> StartAsync() => new(await PostgresServer.StartAsync(PostgresPassword));

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

        public Task StopAsync() => server.DisposeAsync().AsTask();
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
