using System.CommandLine;
using Qoder.Lsp.Core.Configuration;
using Qoder.Lsp.Core.Models;
using Qoder.Lsp.Models;

namespace Qoder.Lsp.Server.Doctor;

/// <summary><c>qoder-lsp doctor</c>: what a newcomer runs first.</summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var workspace = new Option<string?>("--workspace") { Description = "The folder to check (default: the current directory)." };
        var noProbe = new Option<bool>("--no-probe") { Description = "Do not contact the configured model providers." };
        var command = new Command("doctor", "Show the settings and environment found (secrets masked), whether each model answers, and which features work.")
        {
            workspace, noProbe,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var folder = Path.GetFullPath(parse.GetValue(workspace) ?? Directory.GetCurrentDirectory());
            var (report, healthy) = await RunAsync(folder, !parse.GetValue(noProbe), Environment.GetEnvironmentVariable, homeDirectory: null, cancellationToken).ConfigureAwait(false);
            await Console.Out.WriteAsync(report).ConfigureAwait(false);
            return healthy ? 0 : 1;
        });
        return command;
    }

    internal static async Task<(string Report, bool Healthy)> RunAsync(string workspace, bool probe, Func<string, string?> environment, string? homeDirectory, CancellationToken cancellationToken)
    {
        var provider = new SettingsProvider(new PhysicalFileSystem(homeDirectory), environment);
        var snapshot = provider.Initialize(Directory.Exists(workspace) ? [workspace] : [], initializationOptions: null);
        using var catalog = new ModelCatalog(snapshot.Settings);
        var models = probe ? await catalog.ProbeAsync(cancellationToken).ConfigureAwait(false) : catalog.GetStatus();
        var healthy = !snapshot.HasErrors && !models.Any(model => model.Availability == ModelAvailability.Unreachable);
        return (DoctorReport.Render(snapshot, models, Directory.Exists(workspace) ? workspace : null, environment), healthy);
    }
}
