using Qoder.Lsp.Database.Execution;
using Qoder.Lsp.Database.Model;

namespace Qoder.Lsp.Tests.Database;

public sealed class SqlStatementClassifierTests
{
    [TestCase("SELECT * FROM orders WHERE status = 'open'")]
    [TestCase("  select 1;  ")]
    [TestCase("WITH recent AS (SELECT * FROM orders) SELECT count(*) FROM recent")]
    [TestCase("EXPLAIN SELECT * FROM orders")]
    [TestCase("VALUES (1), (2)")]
    [TestCase("SHOW search_path")]
    [TestCase("SELECT 'DROP TABLE x; DELETE FROM y' AS text")]
    [TestCase("SELECT replace(name, 'a', 'b') FROM t")]
    [TestCase("-- DELETE FROM t\nSELECT 1 /* UPDATE t SET x = 1 */")]
    [TestCase("SELECT $$; DROP TABLE t; $$")]
    [TestCase("SELECT \"update\" FROM t")]
    public void ReadsAreReadOnly(string sql) =>
        Assert.That(SqlStatementClassifier.Classify(sql, DatabaseDialect.PostgreSql).IsReadOnly, Is.True, sql);

    [TestCase("INSERT INTO t VALUES (1)", "INSERT")]
    [TestCase("UPDATE t SET x = 1", "UPDATE")]
    [TestCase("DELETE FROM t", "DELETE")]
    [TestCase("DROP TABLE t", "DROP")]
    [TestCase("CREATE TABLE t (id int)", "CREATE")]
    [TestCase("ALTER TABLE t ADD COLUMN y int", "ALTER")]
    [TestCase("TRUNCATE t", "TRUNCATE")]
    [TestCase("SELECT * FROM t FOR UPDATE", "SELECT")]
    [TestCase("SELECT * FROM t FOR SHARE", "SELECT")]
    [TestCase("SELECT * FROM t FOR NO KEY UPDATE", "SELECT")]
    [TestCase("SELECT 1; DELETE FROM t", "DELETE")]
    [TestCase("SELECT 1; COMMIT; DELETE FROM t", "COMMIT")]
    [TestCase("SELECT 1;DROP TABLE t--", "DROP")]
    [TestCase("WITH gone AS (DELETE FROM t RETURNING *) SELECT * FROM gone", "WITH")]
    [TestCase("SELECT * INTO backup FROM t", "SELECT")]
    [TestCase("EXPLAIN ANALYZE DELETE FROM t", "EXPLAIN")]
    [TestCase("SELECT nextval('seq')", "SELECT")]
    [TestCase("SELECT pg_terminate_backend(42)", "SELECT")]
    [TestCase("SELECT set_config('x', 'y', false)", "SELECT")]
    [TestCase("SET TRANSACTION READ WRITE", "SET")]
    [TestCase("DO $$ BEGIN DELETE FROM t; END $$", "DO")]
    [TestCase("CALL cleanup()", "CALL")]
    [TestCase("COPY t FROM '/etc/passwd'", "COPY")]
    [TestCase("GRANT ALL ON t TO public", "GRANT")]
    [TestCase("VACUUM t", "VACUUM")]
    [TestCase("LOCK TABLE t", "LOCK")]
    [TestCase("MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE", "MERGE")]
    [TestCase("something unknown", "SOMETHING")]
    public void WritesNeedConfirmation(string sql, string keyword)
    {
        var classification = SqlStatementClassifier.Classify(sql, DatabaseDialect.PostgreSql);

        Assert.That(classification.IsReadOnly, Is.False, sql);
        Assert.That(classification.FirstWrite!.Keyword, Is.EqualTo(keyword));
        Assert.That(classification.FirstWrite.Reason, Is.Not.Empty);
    }

    [TestCase("SELECT * FROM t LOCK IN SHARE MODE")]
    [TestCase("SELECT 'it\\'s'; DELETE FROM t")]
    [TestCase("SELECT 1 # comment\n; DELETE FROM t")]
    [TestCase("REPLACE INTO t VALUES (1)")]
    [TestCase("SELECT GET_LOCK('x', 10)")]
    [TestCase("SELECT * FROM t INTO OUTFILE '/tmp/x'")]
    public void MySqlTricksAreWrites(string sql) =>
        Assert.That(SqlStatementClassifier.Classify(sql, DatabaseDialect.MariaDb).IsReadOnly, Is.False, sql);

    [Test]
    public void MySqlBackslashEscapesDoNotHideAStatement()
    {
        // In MySQL 'it\'s' is one literal; the DELETE after it is a statement of its own.
        var classification = SqlStatementClassifier.Classify("SELECT 'it\\'s; fine'; DELETE FROM t", DatabaseDialect.MySql);

        Assert.That(classification.Statements.Select(s => s.Keyword), Is.EqualTo(new[] { "SELECT", "DELETE" }));
    }

    [Test]
    public void SqlitePragmas()
    {
        Assert.That(SqlStatementClassifier.Classify("PRAGMA table_info(users)", DatabaseDialect.Sqlite).IsReadOnly, Is.True);
        Assert.That(SqlStatementClassifier.Classify("PRAGMA journal_mode", DatabaseDialect.Sqlite).IsReadOnly, Is.True);
        Assert.That(SqlStatementClassifier.Classify("PRAGMA query_only = 0", DatabaseDialect.Sqlite).IsReadOnly, Is.False);
        Assert.That(SqlStatementClassifier.Classify("ATTACH DATABASE 'x.db' AS x", DatabaseDialect.Sqlite).IsReadOnly, Is.False);
    }

    [Test]
    public void SqlServerBracketsAreIdentifiers()
    {
        Assert.That(SqlStatementClassifier.Classify("SELECT [delete; drop] FROM t", DatabaseDialect.SqlServer).IsReadOnly, Is.True);
        Assert.That(SqlStatementClassifier.Classify("EXEC sp_who", DatabaseDialect.SqlServer).IsReadOnly, Is.False);
    }

    [TestCase("")]
    [TestCase(" ; ;")]
    [TestCase("-- only a comment")]
    public void NoStatementIsAnError(string sql) =>
        Assert.That(() => SqlStatementClassifier.Classify(sql, DatabaseDialect.PostgreSql), Throws.ArgumentException);
}
