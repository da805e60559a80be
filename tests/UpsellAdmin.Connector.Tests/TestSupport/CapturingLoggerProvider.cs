using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace UpsellAdmin.Connector.Tests.TestSupport;

public sealed record CapturedLog(string Category, LogLevel Level, string Message, string? Exception);

/// <summary>Captures every log line of every category at every level, with the exception text.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> _logs = new();

    public IReadOnlyList<CapturedLog> Logs => _logs.ToList();

    /// <summary>Everything a log sink could write: messages, state values and exception texts.</summary>
    public string AllText => string.Join("\n", _logs.Select(l => $"{l.Category} {l.Level} {l.Message} {l.Exception}"));

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, CapturingLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? " | " + string.Join(", ", pairs.Select(p => $"{p.Key}={p.Value}"))
                : "";
            owner._logs.Enqueue(new CapturedLog(category, logLevel, formatter(state, exception) + values, exception?.ToString()));
        }
    }
}
