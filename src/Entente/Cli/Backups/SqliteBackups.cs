using Microsoft.Data.Sqlite;

namespace Entente.Cli.Backups;

/// <summary>
/// SQLite through its online backup API: the copy is one consistent state of the database, taken while the host may
/// keep writing (in WAL mode a reader does not stop writers), and restored page by page into the configured file.
/// </summary>
public static class SqliteBackups
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    /// <summary>Copies the live database into <paramref name="target"/> (a new file) and describes the copy.</summary>
    public static async Task<DatabaseContents> CopyAsync(string connectionString, string target, CancellationToken cancellationToken)
    {
        await using (var source = new SqliteConnection(connectionString))
        await using (var destination = new SqliteConnection(Private(target)))
        {
            await source.OpenAsync(cancellationToken);
            await destination.OpenAsync(cancellationToken);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    source.BackupDatabase(destination);
                    break;
                }
                catch (SqliteException ex) when (ex.SqliteErrorCode is SqliteBusy or SqliteLocked && attempt < 10)
                {
                    // A writer held the lock for a moment (a checkpoint); the copy starts again from a fresh state.
                    await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), cancellationToken);
                }
            }

            // One self-contained file in the archive, without a write-ahead log beside it.
            await ExecuteAsync(destination, "PRAGMA journal_mode=DELETE;", cancellationToken);
            await using var check = DatabaseContents.Command(destination, null, "PRAGMA quick_check;");
            var verdict = (string?)await check.ExecuteScalarAsync(cancellationToken);
            if (!string.Equals(verdict, "ok", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"The copy of the SQLite database failed its integrity check: {verdict}.");
            }

            return await DatabaseContents.ReadAsync(destination, null, cancellationToken);
        }
    }

    /// <summary>The configured database's tables (none when the file does not exist yet).</summary>
    public static async Task<IReadOnlyList<string>> TablesAsync(string connectionString, CancellationToken cancellationToken)
    {
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (!File.Exists(file))
        {
            return [];
        }

        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return await DatabaseContents.TableNamesAsync(connection, null, cancellationToken);
    }

    /// <summary>Replaces the configured database's contents with the copy in <paramref name="copy"/>, and describes the result.</summary>
    public static async Task<DatabaseContents> RestoreAsync(string connectionString, string copy, CancellationToken cancellationToken)
    {
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (Path.GetDirectoryName(Path.GetFullPath(file)) is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        await using (var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = copy, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
        await using (var destination = new SqliteConnection(connectionString))
        {
            await source.OpenAsync(cancellationToken);
            await destination.OpenAsync(cancellationToken);
            source.BackupDatabase(destination);
            await ExecuteAsync(destination, "PRAGMA journal_mode=WAL;", cancellationToken);
        }

        // Pooled connections opened before the restore must not serve pages of the database they knew.
        SqliteConnection.ClearAllPools();
        await using var restored = new SqliteConnection(connectionString);
        await restored.OpenAsync(cancellationToken);
        return await DatabaseContents.ReadAsync(restored, null, cancellationToken);
    }

    private static string Private(string path) =>
        new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString();

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = DatabaseContents.Command(connection, null, sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
