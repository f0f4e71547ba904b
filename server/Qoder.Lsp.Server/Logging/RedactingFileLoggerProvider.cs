using Microsoft.Extensions.Logging;

namespace Qoder.Lsp.Server.Logging;

/// <summary>
/// Writes log lines to a file or to stderr (never stdout: in stdio mode stdout is the protocol).
/// Every line passes through the redactor first, so a secret that slips into a message is masked.
/// Hand-written because a logging framework costs startup time we do not have to spend.
/// </summary>
internal sealed class RedactingFileLoggerProvider : ILoggerProvider
{
    private readonly TextWriter _writer;
    private readonly bool _ownsWriter;
    private readonly Lock _gate = new();

    public RedactingFileLoggerProvider(string? logFile, LogLevel minimumLevel, Func<string, string> redact)
    {
        MinimumLevel = minimumLevel;
        Redact = redact;
        if (logFile is null)
        {
            _writer = Console.Error;
        }
        else
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logFile))!);
            _writer = new StreamWriter(new FileStream(logFile, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
            _ownsWriter = true;
        }
    }

    public LogLevel MinimumLevel { get; set; }

    /// <summary>Replaced when settings change, since the set of secrets to mask comes from settings.</summary>
    public Func<string, string> Redact { get; set; }

    public ILogger CreateLogger(string categoryName) => new RedactingLogger(this, categoryName);

    internal void Write(LogLevel level, string category, string message, Exception? exception)
    {
        var line = $"{DateTimeOffset.UtcNow:O} {Abbreviate(level)} {ShortCategory(category)}: {message}";
        if (exception is not null)
        {
            line += Environment.NewLine + exception;
        }

        line = Redact(line);
        lock (_gate)
        {
            _writer.WriteLine(line);
        }
    }

    public void Dispose()
    {
        if (_ownsWriter)
        {
            _writer.Dispose();
        }
    }

    private static string Abbreviate(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };

    private static string ShortCategory(string category)
    {
        var dot = category.LastIndexOf('.');
        return dot < 0 ? category : category[(dot + 1)..];
    }
}
