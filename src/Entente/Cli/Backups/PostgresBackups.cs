using System.Data;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Npgsql;

namespace Entente.Cli.Backups;

/// <summary>
/// PostgreSQL through its own tools: <c>pg_dump --format=custom</c> and <c>pg_restore</c>, run as processes. The
/// connection goes to them in <c>PG*</c> environment variables, so a password never appears on a command line (where
/// any local user could read it in the process list). The dump runs in a snapshot exported from a transaction of our
/// own, so the row counts in the manifest are those of the dump itself, however busy the database is.
/// </summary>
public static class PostgresBackups
{
    /// <summary>The program <paramref name="name"/>: the one given, else the newest PostgreSQL's, else the one on PATH.</summary>
    public static string FindTool(string name, string? given)
    {
        if (!string.IsNullOrWhiteSpace(given))
        {
            return File.Exists(given) ? given : throw new InvalidOperationException($"'{given}' does not exist.");
        }

        const string root = "/usr/lib/postgresql";
        if (Directory.Exists(root))
        {
            var newest = Directory.GetDirectories(root)
                .Select(d => Path.Combine(d, "bin", name))
                .Where(File.Exists)
                .OrderBy(p => int.TryParse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(p))), out var v) ? v : 0)
                .LastOrDefault();
            if (newest is not null)
            {
                return newest;
            }
        }

        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"{name} was not found on PATH nor under {root}/*/bin; install PostgreSQL's client tools (Debian: postgresql-client) or name it with --{name.Replace('_', '-')}.");
    }

    /// <summary>Dumps the database into <paramref name="target"/> and describes what was dumped.</summary>
    public static async Task<DatabaseContents> DumpAsync(string connectionString, string pgDump, string target, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        await using (var readOnly = DatabaseContents.Command(connection, transaction, "SET TRANSACTION READ ONLY"))
        {
            await readOnly.ExecuteNonQueryAsync(cancellationToken);
        }

        string snapshot;
        await using (var export = DatabaseContents.Command(connection, transaction, "SELECT pg_export_snapshot()"))
        {
            snapshot = (string)(await export.ExecuteScalarAsync(cancellationToken))!;
        }

        var contents = await DatabaseContents.ReadAsync(connection, transaction, cancellationToken);
        await RunAsync(pgDump, connectionString,
            ["--format=custom", "--no-password", $"--snapshot={snapshot}", $"--file={target}"], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return contents;
    }

    /// <summary>The tables of the configured database's schema.</summary>
    public static async Task<IReadOnlyList<string>> TablesAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return await DatabaseContents.TableNamesAsync(connection, null, cancellationToken);
    }

    /// <summary>
    /// Restores the dump into the configured database in one transaction (dropping what it replaces), and describes the
    /// result. Objects keep the restoring role as owner, so a dump from another installation restores under this one's role.
    /// </summary>
    public static async Task<DatabaseContents> RestoreAsync(string connectionString, string pgRestore, string dump, CancellationToken cancellationToken)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database
            ?? throw new InvalidOperationException("ConnectionStrings:Entente names no database.");
        NpgsqlConnection.ClearAllPools();
        await RunAsync(pgRestore, connectionString,
            ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error", "--no-password", $"--dbname={database}", dump],
            cancellationToken);
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return await DatabaseContents.ReadAsync(connection, null, cancellationToken);
    }

    private static async Task RunAsync(string program, string connectionString, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in LibpqEnvironment(connectionString))
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var text = new StringBuilder().Append(await error).Append(await output).ToString().Trim();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} failed with exit code {process.ExitCode.ToString(CultureInfo.InvariantCulture)}: {text}");
        }
    }

    /// <summary>The libpq environment equivalent of an Npgsql connection string (host, port, database, user, password, TLS).</summary>
    public static IReadOnlyDictionary<string, string> LibpqEnvironment(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PGHOST"] = builder.Host ?? "localhost",
            ["PGPORT"] = builder.Port.ToString(CultureInfo.InvariantCulture),
            ["PGAPPNAME"] = "entente-backup",
            ["PGCONNECT_TIMEOUT"] = Math.Max(builder.Timeout, 2).ToString(CultureInfo.InvariantCulture),
        };
        if (!string.IsNullOrEmpty(builder.Database))
        {
            variables["PGDATABASE"] = builder.Database;
        }

        if (!string.IsNullOrEmpty(builder.Username))
        {
            variables["PGUSER"] = builder.Username;
        }

        if (!string.IsNullOrEmpty(builder.Password))
        {
            variables["PGPASSWORD"] = builder.Password;
        }

        variables["PGSSLMODE"] = builder.SslMode switch
        {
            SslMode.Disable => "disable",
            SslMode.Allow => "allow",
            SslMode.Prefer => "prefer",
            SslMode.Require => "require",
            SslMode.VerifyCA => "verify-ca",
            SslMode.VerifyFull => "verify-full",
            _ => "prefer",
        };
        return variables;
    }
}
