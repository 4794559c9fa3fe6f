using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Entente.Testing;

/// <summary>
/// The errors the host under test logged (unhandled exceptions behind a 500, failed jobs), so that a test that sees a
/// 500 can say why instead of showing the error page.
/// </summary>
public sealed class ServerErrors : ILoggerProvider
{
    private const int Kept = 50;
    private readonly ConcurrentQueue<string> _errors = new();

    /// <summary>The latest errors, oldest first, each with its exception.</summary>
    public IReadOnlyList<string> Latest => [.. _errors];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(string text)
    {
        _errors.Enqueue(text);
        while (_errors.Count > Kept && _errors.TryDequeue(out _))
        {
        }
    }

    private sealed class Logger(ServerErrors owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner.Add($"{category}: {formatter(state, exception)} {exception}");
            }
        }
    }
}
