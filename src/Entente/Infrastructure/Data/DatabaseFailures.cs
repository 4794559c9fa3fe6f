using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Entente.Infrastructure.Data;

/// <summary>
/// Recognises, anywhere in an exception's chain, the failures that mean "the database cannot serve this request
/// now" rather than "this request is wrong": EF Core wraps provider errors in <c>DbUpdateException</c>,
/// <c>InvalidOperationException</c> ("transient failure") or <c>RetryLimitExceededException</c>, Kestrel wraps an
/// exception thrown while the response starts in <c>ObjectDisposedException</c>, and Npgsql reports a refused
/// socket or a timeout as an <see cref="NpgsqlException"/> around a <see cref="SocketException"/> or
/// <see cref="TimeoutException"/>. Both the API and the pages use this one test, so every path answers alike.
/// </summary>
public static class DatabaseFailures
{
    // SQLite primary result codes (the low byte of the extended code).
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteIoError = 10;
    private const int SqliteFull = 13;
    private const int SqliteCantOpen = 14;

    /// <summary>
    /// The database (or the disk under it) has no room for the write: SQLite's SQLITE_FULL, PostgreSQL's class 53
    /// disk-full (53100). Retrying does not help until an operator frees space.
    /// </summary>
    public static bool IsStorageFull(Exception exception) => Chain(exception).Any(e => e switch
    {
        SqliteException sqlite => (sqlite.SqliteExtendedErrorCode & 0xFF) == SqliteFull || sqlite.SqliteErrorCode == SqliteFull,
        PostgresException pg => pg.SqlState == PostgresErrorCodes.DiskFull,
        _ => false,
    });

    /// <summary>
    /// The database is unreachable, shutting down, starting up, out of connections or too slow: the request did not
    /// take effect (or its transaction rolled back) and the same request may succeed shortly.
    /// </summary>
    public static bool IsUnavailable(Exception exception) => Chain(exception).Any(e => e switch
    {
        // Npgsql marks as transient: I/O and socket errors, timeouts, and the server states 08xxx (connection),
        // 53xxx (insufficient resources), 57P0x (shutting down, cannot connect now), 40001/40P01.
        // Explicitly also: the server terminating or refusing sessions (class 08, 57P01 admin shutdown, 57P02 crash
        // shutdown, 57P03 starting up), which arrive as FATAL errors while PostgreSQL stops or restarts; and any
        // NpgsqlException that is not the server's own error, which is Npgsql failing to reach or losing the server.
        PostgresException pg => pg.IsTransient || pg.SqlState.StartsWith("08", StringComparison.Ordinal)
            || pg.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow,
        NpgsqlException => true,
        SqliteException sqlite => (sqlite.SqliteErrorCode & 0xFF) is SqliteBusy or SqliteLocked or SqliteIoError or SqliteCantOpen,
        SocketException or TimeoutException => true,
        _ => false,
    });

    private static IEnumerable<Exception> Chain(Exception? exception)
    {
        for (var depth = 0; exception is not null && depth < 16; depth++)
        {
            yield return exception;
            if (exception is AggregateException { InnerExceptions.Count: > 1 } aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain))
                {
                    yield return inner;
                }

                yield break;
            }

            exception = exception.InnerException;
        }
    }
}
