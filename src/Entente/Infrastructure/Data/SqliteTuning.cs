using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Entente.Infrastructure.Data;

/// <summary>
/// Sets the per-connection SQLite settings that are not kept in the database file (journal mode is, and is set once
/// at start): the page cache size, and temporary tables in memory. Runs on every open, because pooled connections
/// are opened again without being created again, and a pragma on an already tuned connection costs microseconds.
/// </summary>
public sealed class SqliteTuning : DbConnectionInterceptor
{
    private static readonly ConcurrentDictionary<int, SqliteTuning> Instances = new();

    private readonly string _pragmas;

    private SqliteTuning(int cacheMiB) =>
        _pragmas = string.Create(CultureInfo.InvariantCulture, $"PRAGMA cache_size = -{cacheMiB * 1024}; PRAGMA temp_store = MEMORY;");

    /// <summary>
    /// One instance per cache size for the process: EF Core keys its internal service providers on interceptor
    /// instances, so a new one per host would build a provider per host.
    /// </summary>
    public static SqliteTuning For(int cacheMiB) => Instances.GetOrAdd(Math.Clamp(cacheMiB, 2, 4096), size => new SqliteTuning(size));

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
