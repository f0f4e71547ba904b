using Qoder.Lsp.Core.Configuration;
using Qoder.Lsp.Database;
using Qoder.Lsp.Database.Connections;
using Qoder.Lsp.Database.Model;
using Qoder.Lsp.Tests.Configuration;

namespace Qoder.Lsp.Tests.Database;

public sealed class ConnectionStringsTests
{
    [Test]
    public void MaskHidesEveryPasswordSpelling()
    {
        Assert.That(ConnectionStrings.Mask("Host=db;Username=app;Password=hunter2-long"), Is.EqualTo("host=db;username=app;password=***"));
        Assert.That(ConnectionStrings.Mask("Server=db;Uid=app;Pwd=hunter2-long"), Does.Contain("pwd=***").And.Not.Contain("hunter2"));
        Assert.That(ConnectionStrings.Mask("not a connection string = ;;'"), Is.EqualTo("***"));
    }

    [Test]
    public void UrlsBecomeKeyValuePairs()
    {
        var normalized = ConnectionStrings.Normalize(DatabaseDialect.PostgreSql, "postgresql://app:p%40ss-word-99@db.internal:6543/shop?sslmode=require");

        Assert.That(ConnectionStrings.Passwords(normalized), Is.EqualTo(new[] { "p@ss-word-99" }));
        Assert.That(normalized, Does.Contain("host=db.internal").IgnoreCase.And.Contain("port=6543").IgnoreCase.And.Contain("database=shop").IgnoreCase.And.Contain("username=app").IgnoreCase.And.Contain("ssl mode=require").IgnoreCase);
        Assert.That(ConnectionStrings.Normalize(DatabaseDialect.MariaDb, "mysql://root:pw-12345@127.0.0.1/app"), Does.Contain("server=127.0.0.1").IgnoreCase.And.Contain("user id=root").IgnoreCase);
    }

    [Test]
    public void DefinitionsNeverPrintTheirPassword()
    {
        var definition = DatabaseService.Define("db", "postgres", "Host=h;Password=top-secret-123", null, null, false, DatabaseService.SettingsSource);

        Assert.That(definition.ToString(), Does.Not.Contain("top-secret-123").And.Contain("password=***"));
        Assert.That(definition.Dialect, Is.EqualTo(DatabaseDialect.PostgreSql));
        Assert.That(definition.Secrets, Does.Contain("top-secret-123"));
    }

    [TestCase(null, "postgresql", "Host=h", "needs a name")]
    [TestCase("db", "oracle", "Host=h", "dialect must be one of postgresql, mysql, mariadb, sqlserver, sqlite")]
    [TestCase("db", "postgresql", " ", "has no connectionString")]
    [TestCase("db", "postgresql", "Password='unterminated-secret", "not in key=value")]
    public void BadDefinitionsAreClearErrorsWithoutTheConnectionString(string? name, string dialect, string connectionString, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => DatabaseService.Define(name, dialect, connectionString, null, null, false, DatabaseService.ClientSource));

        Assert.That(error!.Message, Does.Contain(expected));
        Assert.That(error.Message, Does.Not.Contain("unterminated-secret"));
    }

    [Test]
    public void TheDatabasesSettingBindsWithEnvironmentReferences()
    {
        var fileSystem = new FakeFileSystem();
        fileSystem.Write(fileSystem.UserSettingsPath, """
            { "databases": [
                { "name": "shop", "dialect": "postgresql", "connectionString": "Host=db;Password=${env:SHOP_DB_PASSWORD}",
                  "schemas": { "include": ["public", "sales*"], "exclude": ["sales_archive"] }, "readOnly": true },
                { "name": "bad", "dialect": "db2", "connectionString": "x=y" } ] }
            """);
        var snapshot = new SettingsProvider(fileSystem, name => name == "SHOP_DB_PASSWORD" ? "from-env-secret-77" : null).Current;
        var warnings = new List<string>();
        var service = new DatabaseService(() => [], warnings.Add);

        service.ApplySettings(snapshot.Settings.Databases);

        var shop = service.List().Single();
        Assert.That(shop.Definition, Has.Property("Name").EqualTo("shop").And.Property("ReadOnly").True.And.Property("Source").EqualTo("settings"));
        Assert.That(shop.Definition.ConnectionString, Does.Contain("from-env-secret-77"));
        Assert.That(shop.Definition.Schemas.Matches("sales_2024"), Is.True);
        Assert.That(shop.Definition.Schemas.Matches("sales_archive"), Is.False);
        Assert.That(shop.Definition.Schemas.Matches("audit"), Is.False);
        Assert.That(warnings.Single(), Does.Contain("databases[1]").And.Contain("dialect must be one of"));
        Assert.That(service.Redact("login failed for from-env-secret-77"), Is.EqualTo("login failed for ***"));
    }

    [Test]
    public void SettingsChangesKeepClientRegistrationsAndDropRemovedEntries()
    {
        var service = new DatabaseService(() => [], _ => { });
        service.ApplySettings([new DatabaseSettings { Name = "a", Dialect = "sqlite", ConnectionString = "Data Source=a.db" }, new DatabaseSettings { Name = "b", Dialect = "sqlite", ConnectionString = "Data Source=b.db" }]);
        service.Register(DatabaseService.Define("b", "sqlite", "Data Source=client.db", null, null, false, DatabaseService.ClientSource));
        service.Register(DatabaseService.Define("c", "sqlite", "Data Source=c.db", null, null, false, DatabaseService.ClientSource));

        service.ApplySettings([new DatabaseSettings { Name = "b", Dialect = "sqlite", ConnectionString = "Data Source=b2.db" }]);

        Assert.That(service.List().Select(s => (s.Definition.Name, s.Definition.Source, s.Definition.ConnectionString)), Is.EqualTo(new[]
        {
            ("b", "client", "Data Source=client.db"), ("c", "client", "Data Source=c.db"),
        }));
    }

    [Test]
    public async Task UnknownConnectionsNameTheKnownOnes()
    {
        var service = DatabaseTestKit.NewService(DatabaseTestKit.Define("shop", DatabaseDialect.Sqlite, "Data Source=x.db"));

        var error = await Assert.ThrowsAsync<DatabaseException>(() => service.GetCatalogAsync("nope", CancellationToken.None));

        Assert.That(error!.Message, Is.EqualTo("No database connection named 'nope'. Known: shop."));
    }

    [Test]
    public async Task AnUnchangedSettingsReloadKeepsTheCachedCatalog()
    {
        var directory = Directory.CreateTempSubdirectory("qoder-sqlite-cache-").FullName;
        try
        {
            var connectionString = $"Data Source={Path.Combine(directory, "c.db")}";
            await DatabaseTestKit.ExecuteAsync(DatabaseDialect.Sqlite, connectionString, "CREATE TABLE t (id int)");
            DatabaseSettings[] settings = [new DatabaseSettings { Name = "c", Dialect = "sqlite", ConnectionString = connectionString, Schemas = new DatabaseSchemaFilterSettings { Include = ["main"] } }];
            var service = new DatabaseService(() => [], _ => { });
            service.ApplySettings(settings);
            var first = await service.GetCatalogAsync("c", CancellationToken.None);

            service.ApplySettings([settings[0] with { Schemas = new DatabaseSchemaFilterSettings { Include = ["main"] } }]);
            var second = await service.GetCatalogAsync("c", CancellationToken.None);
            service.ApplySettings([settings[0] with { ReadOnly = true }]);
            var third = await service.GetCatalogAsync("c", CancellationToken.None);

            Assert.That(second, Is.SameAs(first));
            Assert.That(third, Is.Not.SameAs(first), "a changed definition is introspected again");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void RedactionSkipsValuesTooShortToBeSecrets()
    {
        Assert.That(ConnectionStrings.Redact("login for app failed", ["ap", "app-secret-1"]), Is.EqualTo("login for app failed"));
        Assert.That(ConnectionStrings.Redact("bad password app-secret-1", ["ap", "app-secret-1"]), Is.EqualTo("bad password ***"));
    }
}
