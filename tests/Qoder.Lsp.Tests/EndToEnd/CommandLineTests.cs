namespace Qoder.Lsp.Tests.EndToEnd;

/// <summary>The command line of the real executable: what a user or an editor's launcher sees.</summary>
public sealed class CommandLineTests : EndToEndTest
{
    [Test]
    public async Task Version_prints_the_version_and_exits_0()
    {
        var server = StartServer("--version");

        var output = await server.ReadStandardOutputToEndAsync(Timeout);

        Assert.That(await server.WaitForExitAsync(Timeout), Is.EqualTo(0), server.Diagnostics());
        Assert.That(output.Trim(), Does.Match(@"^\d+\.\d+\.\d+"));
    }

    [Test]
    public async Task Help_describes_the_transports_and_exits_0()
    {
        var server = StartServer("--help");

        var output = await server.ReadStandardOutputToEndAsync(Timeout);

        Assert.That(await server.WaitForExitAsync(Timeout), Is.EqualTo(0), server.Diagnostics());
        Assert.That(output, Does.Contain("--stdio").And.Contain("--tcp").And.Contain("--pipe").And.Contain("--log-file"));
    }

    [TestCase("nonsense", "'nonsense' is not HOST:PORT")]
    [TestCase("127.0.0.1:99999", "port number")]
    [TestCase("localhost:http", "port number")]
    public async Task A_bad_tcp_value_exits_non_zero_with_a_clear_message(string value, string expected)
    {
        var server = StartServer("--tcp", value);

        var code = await server.WaitForExitAsync(Timeout);

        Assert.That(code, Is.Not.EqualTo(0), server.Diagnostics());
        Assert.That(server.StandardError, Does.Contain(expected));
    }
}
