using System.Diagnostics;
using Qoder.Lsp.Database;
using Qoder.Lsp.Database.Model;

namespace Qoder.Lsp.Tests.Database;

/// <summary>Wrong credentials and unreachable hosts fail fast, say what happened, and never show the password.</summary>
public sealed class ConnectionFailureTests
{
    private const string WrongPassword = "Wr0ng-pass-value-5512";

    [Test]
    public async Task PostgresWrongPassword()
    {
        var server = await RealDatabaseServers.PostgresAsync();
        var error = await FailAsync(DatabaseDialect.PostgreSql, server.ConnectionString(password: WrongPassword));

        Assert.That(error.Message, Does.Contain("password authentication failed for user \"postgres\""));
        Assert.That(error.Message, Does.Contain("Database connection 'db' (postgresql) could not be opened"));
    }

    [Test]
    public async Task MariaDbWrongPassword()
    {
        var server = await RealDatabaseServers.MariaDbAsync();
        var error = await FailAsync(DatabaseDialect.MariaDb, server.ConnectionString(password: WrongPassword));

        Assert.That(error.Message, Does.Contain("Access denied for user 'qoder'"));
    }

    [TestCase(DatabaseDialect.PostgreSql, "Host=127.0.0.1;Port={0};Username=u;Password=" + WrongPassword)]
    [TestCase(DatabaseDialect.MariaDb, "Server=127.0.0.1;Port={0};User ID=u;Password=" + WrongPassword)]
    public async Task UnreachableHost(DatabaseDialect dialect, string template)
    {
        var error = await FailAsync(dialect, string.Format(System.Globalization.CultureInfo.InvariantCulture, template, ClosedPort()));

        Assert.That(error.Message, Does.Contain("could not be opened"));
    }

    [Test]
    public async Task TheListShowsTheFailureWithoutThePassword()
    {
        var server = await RealDatabaseServers.PostgresAsync();
        var service = DatabaseTestKit.NewService(DatabaseTestKit.Define("db", DatabaseDialect.PostgreSql, server.ConnectionString(password: WrongPassword)));

        var status = await service.RefreshAsync("db", CancellationToken.None);

        Assert.That(status.State, Is.EqualTo("error"));
        Assert.That(status.Message, Does.Contain("password authentication failed").And.Not.Contain(WrongPassword));
        Assert.That(status.Definition.MaskedConnectionString, Does.Contain("password=***").And.Not.Contain(WrongPassword));
        Assert.That(status.ToString(), Does.Not.Contain(WrongPassword));
    }

    private static async Task<DatabaseException> FailAsync(DatabaseDialect dialect, string connectionString)
    {
        var service = DatabaseTestKit.NewService(DatabaseTestKit.Define("db", dialect, connectionString));
        var stopwatch = Stopwatch.StartNew();
        DatabaseException? error = null;
        try
        {
            await service.GetCatalogAsync("db", CancellationToken.None);
        }
        catch (DatabaseException ex)
        {
            error = ex;
        }

        Assert.That(error, Is.Not.Null);
        Assert.That(stopwatch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(6)), "fails within the connect timeout");
        Assert.That(error!.Message, Does.Not.Contain(WrongPassword).And.Not.Contain(connectionString));
        return error;
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
