using Microsoft.Extensions.Logging;

namespace Qoder.Lsp.Server.Logging;

internal sealed class RedactingLogger(RedactingFileLoggerProvider provider, string category) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= provider.MinimumLevel;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            provider.Write(logLevel, category, formatter(state, exception), exception);
        }
    }
}
