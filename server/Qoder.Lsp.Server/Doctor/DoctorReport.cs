using System.Text;
using System.Text.Json;
using Qoder.Lsp.Core.Configuration;
using Qoder.Lsp.Core.Models;

namespace Qoder.Lsp.Server.Doctor;

/// <summary>Renders what a newcomer needs to see; every secret goes through the masker first.</summary>
internal static class DoctorReport
{
    private static readonly string[] EnvironmentVariables =
        ["QODER_OPENAI_BASE_URL", "QODER_OPENAI_API_KEY", "QODER_COMPLETION_MODEL", "QODER_CHAT_MODEL", "HTTPS_PROXY", "HTTP_PROXY", "NO_PROXY"];

    public static string Render(SettingsSnapshot snapshot, IReadOnlyList<ModelStatus> models, string? workspace, Func<string, string?> environment)
    {
        var text = new StringBuilder();
        text.AppendLine($"qoder-lsp {ServerVersion.Current} (.NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription})");

        text.AppendLine().AppendLine("Settings files (lowest to highest precedence):");
        foreach (var file in snapshot.Files)
        {
            text.AppendLine($"  [{(file.Exists ? "found" : "  -  ")}] {file.Source,-15} {file.Path}");
        }

        text.AppendLine().AppendLine("Environment:");
        foreach (var name in EnvironmentVariables)
        {
            var value = environment(name);
            var shown = value is null ? "(not set)" : SecretMasker.IsSecretKey(name) || name.EndsWith("_KEY", StringComparison.Ordinal) ? SecretMasker.MaskValue(value) : SecretMasker.Redact(value, snapshot);
            text.AppendLine($"  {name,-24} {shown}");
        }

        text.AppendLine().AppendLine("Effective settings (secrets masked):");
        var masked = SecretMasker.Mask(snapshot).ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        foreach (var line in masked.Split('\n'))
        {
            text.AppendLine("  " + line.TrimEnd('\r'));
        }

        if (snapshot.Problems.Count > 0)
        {
            text.AppendLine().AppendLine("Settings problems:");
            foreach (var problem in snapshot.Problems)
            {
                text.AppendLine($"  {problem.Severity}: {SecretMasker.Redact(problem.ToString(), snapshot)}");
            }
        }

        text.AppendLine().AppendLine("Models:");
        foreach (var model in models)
        {
            var who = model.Model is null ? "" : $"{model.Provider}/{model.Model}";
            text.AppendLine($"  {ModelRoles.ToConfigName(model.Role),-11} {Describe(model.Availability),-15} {who} {SecretMasker.Redact(model.Message ?? "", snapshot)}".TrimEnd());
        }

        text.AppendLine().AppendLine($"Workspace: {workspace ?? "(none)"}");

        text.AppendLine().AppendLine("Features:");
        foreach (var feature in FeatureCatalog.All)
        {
            text.AppendLine($"  {Assess(feature, models),-40} {feature.Name}");
        }

        if (models.All(model => model.Availability == ModelAvailability.NotConfigured))
        {
            text.AppendLine().AppendLine("Next step: point qoder-lsp at a model, for example a local Ollama:");
            text.AppendLine("  export QODER_OPENAI_BASE_URL=http://127.0.0.1:11434/v1 QODER_CHAT_MODEL=qwen2.5-coder:7b QODER_COMPLETION_MODEL=qwen2.5-coder:1.5b");
            text.AppendLine("  or add models.providers and models.roles to ~/.qoder/settings.json (docs/configuration.md).");
        }

        return text.ToString();
    }

    private static string Assess(FeatureRequirement feature, IReadOnlyList<ModelStatus> models)
    {
        if (!feature.Built)
        {
            return "not in this build yet";
        }

        if (feature.Role is not { } role)
        {
            return "works now (no model needed)";
        }

        var model = models.FirstOrDefault(status => status.Role == role);
        return model?.Availability switch
        {
            ModelAvailability.Reachable => "works now",
            ModelAvailability.Unreachable => $"model unreachable ({ModelRoles.ToConfigName(role)})",
            ModelAvailability.Unknown => "configured, not checked",
            _ => $"needs a model: {ModelRoles.ToConfigName(role)}",
        };
    }

    private static string Describe(ModelAvailability availability) => availability switch
    {
        ModelAvailability.NotConfigured => "not configured",
        ModelAvailability.Reachable => "reachable",
        ModelAvailability.Unreachable => "UNREACHABLE",
        _ => "not checked",
    };
}
