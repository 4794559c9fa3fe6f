using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Entente.Testing.Processes;

/// <summary>
/// A throwaway PostgreSQL server of its own (initdb in a temporary directory, loopback port), for the harnesses
/// that stop and restart the database under a running host, which the suite's shared server must never suffer.
/// Uses the newest server in <c>/usr/lib/postgresql/*/bin</c> (or <c>ENTENTE_TEST_PG_BIN</c>); when run as root
/// the server runs as the <c>postgres</c> user, as PostgreSQL requires.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    public const string BinVariable = "ENTENTE_TEST_PG_BIN";

    private readonly string _bin;
    private readonly string _directory;

    private PostgresCluster(string bin, string directory, int port)
    {
        _bin = bin;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public bool IsRunning { get; private set; }

    /// <summary>Connection string to the <c>postgres</c> maintenance database.</summary>
    public string ServerConnectionString =>
        $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username=postgres;Timeout=5;Command Timeout=30";

    /// <summary>The directory holding the server binaries, or null when PostgreSQL is not installed.</summary>
    public static string? FindBinaries()
    {
        if (Environment.GetEnvironmentVariable(BinVariable) is { Length: > 0 } configured)
        {
            return configured;
        }

        const string root = "/usr/lib/postgresql";
        return Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderBy(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .LastOrDefault()
            : null;
    }

    /// <summary>Creates and starts a new cluster.</summary>
    public static async Task<PostgresCluster> StartNewAsync(CancellationToken cancellationToken = default)
    {
        var bin = FindBinaries() ?? throw new InvalidOperationException(
            $"PostgreSQL server binaries not found under /usr/lib/postgresql; install 'postgresql' or set {BinVariable}.");
        var directory = Path.Combine(Path.GetTempPath(), "entente-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        if (IsRoot)
        {
            await RunAsync("chown", ["postgres", directory], cancellationToken);
        }

        var cluster = new PostgresCluster(bin, directory, HostProcess.FreePort());
        await cluster.RunServerToolAsync("initdb", ["-D", cluster.DataDirectory, "-A", "trust", "-U", "postgres", "--no-sync"], cancellationToken);
        await cluster.StartAsync(cancellationToken);
        return cluster;
    }

    private string DataDirectory => Path.Combine(_directory, "data");

    private static bool IsRoot => Environment.UserName == "root";

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        var options = $"-p {Port.ToString(CultureInfo.InvariantCulture)} -k {_directory} -c listen_addresses=127.0.0.1 " +
            "-c max_connections=200 -c fsync=off -c full_page_writes=off";
        await RunServerToolAsync("pg_ctl", ["-D", DataDirectory, "-l", Path.Combine(_directory, "log"), "-o", options, "-w", "start"], cancellationToken);
        IsRunning = true;
    }

    /// <summary>
    /// Stops the server. <paramref name="immediate"/> aborts every session at once, as a crash of the database
    /// machine would; otherwise sessions are asked to end (the "fast" mode a restart by an operator uses).
    /// </summary>
    public async Task StopAsync(bool immediate = false, CancellationToken cancellationToken = default)
    {
        await RunServerToolAsync("pg_ctl", ["-D", DataDirectory, "-m", immediate ? "immediate" : "fast", "-w", "stop"], cancellationToken);
        IsRunning = false;
    }

    /// <summary>Creates a database and returns a connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        await using (var connection = new NpgsqlConnection(ServerConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>The server's log, for diagnosing a failed harness run.</summary>
    public string ReadLog()
    {
        var path = Path.Combine(_directory, "log");
        return File.Exists(path) ? File.ReadAllText(path) : "";
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (IsRunning)
        {
            try
            {
                await StopAsync(immediate: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone; the directory is removed below either way.
            }
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private Task RunServerToolAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var path = Path.Combine(_bin, tool);
        return IsRoot
            ? RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments], cancellationToken)
            : RunAsync(path, arguments, cancellationToken);
    }

    private static async Task RunAsync(string file, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(file)} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error}{await output}");
        }
    }
}
