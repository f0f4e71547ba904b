using System.Net;
using System.Net.Sockets;

namespace Qoder.Lsp.Tests.RealClients;

/// <summary>
/// A private OpenSSH server on 127.0.0.1 with throw-away host and client keys: the "remote machine" of a remote
/// development session. It runs in the foreground as our child (<c>-D -e</c>), so disposing kills it and every
/// session process it forked, including remote language servers.
/// </summary>
internal sealed class SshServer : IDisposable
{
    private readonly ChildProcess _sshd;

    private SshServer(string directory, int port, string clientKey, ChildProcess sshd)
    {
        Directory = directory;
        Port = port;
        ClientKey = clientKey;
        _sshd = sshd;
    }

    public string Directory { get; }

    public int Port { get; }

    public string ClientKey { get; }

    public string User { get; } = Environment.UserName;

    public string KnownHostsFile => Path.Combine(Directory, "known_hosts");

    public string Log => _sshd.StandardError;

    public static async Task<SshServer> StartAsync(string directory)
    {
        var sshd = Prerequisites.RequireExecutable("sshd", "openssh-server", "/usr/sbin", "/usr/local/sbin");
        Prerequisites.RequireExecutable("ssh", "openssh-client");
        var keygen = Prerequisites.RequireExecutable("ssh-keygen", "openssh-client");

        var hostKey = Path.Combine(directory, "host_ed25519");
        var clientKey = Path.Combine(directory, "client_ed25519");
        await GenerateKeyAsync(keygen, hostKey).ConfigureAwait(false);
        await GenerateKeyAsync(keygen, clientKey).ConfigureAwait(false);
        var authorizedKeys = Path.Combine(directory, "authorized_keys");
        File.Copy(clientKey + ".pub", authorizedKeys);

        // sshd's privilege separation needs this directory; as non-root it is not used and may not be creatable.
        try
        {
            System.IO.Directory.CreateDirectory("/run/sshd");
        }
        catch (UnauthorizedAccessException)
        {
        }

        // A free port can be taken between asking for it and sshd binding it; try a few before giving up.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreeLoopbackPort();
            var config = Path.Combine(directory, "sshd_config");
            await File.WriteAllTextAsync(config, $"""
                Port {port}
                ListenAddress 127.0.0.1
                HostKey {hostKey}
                AuthorizedKeysFile {authorizedKeys}
                PubkeyAuthentication yes
                PasswordAuthentication no
                KbdInteractiveAuthentication no
                PermitRootLogin prohibit-password
                StrictModes no
                UsePAM no
                PidFile {Path.Combine(directory, "sshd.pid")}
                PrintMotd no
                LogLevel VERBOSE

                """).ConfigureAwait(false);
            var process = ChildProcess.Start(sshd, ["-f", config, "-D", "-e"]);
            try
            {
                await process.WaitForStderrLineAsync(line => line.Contains("Server listening on 127.0.0.1 port", StringComparison.Ordinal), TimeSpan.FromSeconds(15)).ConfigureAwait(false);
                return new SshServer(directory, port, clientKey, process);
            }
            catch (InvalidOperationException) when (attempt < 3 && process.StandardError.Contains("Address already in use", StringComparison.Ordinal))
            {
                process.Dispose();
            }
            catch
            {
                process.Dispose();
                throw;
            }
        }
    }

    /// <summary>ssh arguments that log in with the test key only, ignoring the user's ssh config, agent and known hosts.</summary>
    public IReadOnlyList<string> SshArguments(string remoteCommand) =>
    [
        "-F", "/dev/null",
        "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "-i", ClientKey,
        "-o", "IdentitiesOnly=yes",
        "-o", "IdentityAgent=none",
        "-o", "BatchMode=yes",
        "-o", "StrictHostKeyChecking=no",
        "-o", $"UserKnownHostsFile={KnownHostsFile}",
        "-o", "LogLevel=ERROR",
        "-T",
        $"{User}@127.0.0.1",
        remoteCommand,
    ];

    public void Dispose() => _sshd.Dispose();

    private static async Task GenerateKeyAsync(string keygen, string path)
    {
        using var process = ChildProcess.Start(keygen, ["-q", "-t", "ed25519", "-N", string.Empty, "-C", "qoder-lsp-test", "-f", path]);
        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(20)).ConfigureAwait(false);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"ssh-keygen failed ({exitCode}): {process.StandardError}");
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
