using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Entente.Testing.Reliability;

/// <summary>
/// A full disk for SQLite without a mount: while <see cref="Full"/> is set, every connection the host opens caps the
/// database at its current size with <c>PRAGMA max_page_count</c>, and a write that needs a new page fails with
/// SQLITE_FULL ("database or disk is full"), the very result code SQLite returns when the file system refuses to
/// grow the file, through the same rollback path. A small tmpfs or loop device would be closer to the metal but
/// needs root to mount; this needs nothing and can be undone ("space freed") by clearing the flag.
/// </summary>
public sealed class SqliteStorageQuota : DbConnectionInterceptor
{
    // SQLite's largest allowed page count: no cap.
    private const long Unlimited = 4294967294;

    private volatile bool _full;

    public bool Full
    {
        get => _full;
        set => _full = value;
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        var limit = Unlimited;
        if (_full)
        {
            command.CommandText = "PRAGMA page_count";
            limit = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        command.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA max_page_count = {limit}");
        command.ExecuteNonQuery();
    }

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default) =>
        ApplyAsync(connection, cancellationToken);

    private async Task ApplyAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var limit = Unlimited;
        await using var command = connection.CreateCommand();
        if (_full)
        {
            command.CommandText = "PRAGMA page_count";
            limit = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        command.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA max_page_count = {limit}");
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
