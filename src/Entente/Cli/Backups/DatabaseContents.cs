using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Entente.Cli.Backups;

/// <summary>What a database holds, in one consistent view: rows per table, the audit chain's head, the last migration.</summary>
public sealed record DatabaseContents(IReadOnlyDictionary<string, long> Tables, AuditHead? AuditHead, string? Migration)
{
    /// <summary>
    /// Reads the contents through <paramref name="connection"/> (inside <paramref name="transaction"/> when given, so
    /// that the counts belong to the same snapshot as a copy taken in it).
    /// </summary>
    public static async Task<DatabaseContents> ReadAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var tables = await TableNamesAsync(connection, transaction, cancellationToken);
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            // Names come from the database's own catalogue, quoted as identifiers.
            counts[table] = Convert.ToInt64(await ScalarAsync(connection, transaction, $"SELECT count(*) FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", cancellationToken), CultureInfo.InvariantCulture);
        }

        AuditHead? head = null;
        if (counts.ContainsKey("audit_entries"))
        {
            await using var command = Command(connection, transaction, "SELECT sequence, hash FROM audit_entries ORDER BY sequence DESC LIMIT 1");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                head = new AuditHead(reader.GetInt64(0), reader.GetString(1));
            }
        }

        string? migration = null;
        if (counts.ContainsKey("platform_migrations"))
        {
            // The migration id is the history table's key and first column, whatever the naming convention calls it.
            await using var command = Command(connection, transaction, "SELECT * FROM platform_migrations");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetString(0);
                if (migration is null || string.CompareOrdinal(id, migration) > 0)
                {
                    migration = id;
                }
            }
        }

        return new DatabaseContents(counts, head, migration);
    }

    /// <summary>The tables of the database (the schema in use on PostgreSQL), by name.</summary>
    public static async Task<IReadOnlyList<string>> TableNamesAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var sql = connection switch
        {
            SqliteConnection => "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
            NpgsqlConnection => "SELECT tablename::text FROM pg_catalog.pg_tables WHERE schemaname = current_schema() ORDER BY tablename",
            _ => throw new NotSupportedException($"No table catalogue for {connection.GetType().Name}."),
        };
        var names = new List<string>();
        await using var command = Command(connection, transaction, sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    /// <summary>The tables whose row count differs from <paramref name="expected"/>, with both counts.</summary>
    public IReadOnlyList<string> DifferencesFrom(IReadOnlyDictionary<string, long> expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var differences = new List<string>();
        foreach (var name in expected.Keys.Union(Tables.Keys).Order(StringComparer.Ordinal))
        {
            var want = expected.TryGetValue(name, out var e) ? e : (long?)null;
            var have = Tables.TryGetValue(name, out var h) ? h : (long?)null;
            if (want != have)
            {
                differences.Add($"{name}: {Describe(want)} in the archive, {Describe(have)} restored");
            }
        }

        return differences;

        static string Describe(long? count) => count is { } c ? c.ToString("N0", CultureInfo.InvariantCulture) + " row(s)" : "no table";
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    internal static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.CommandTimeout = 600;
        return command;
    }
}
