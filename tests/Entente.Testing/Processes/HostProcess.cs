using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Entente.Testing.Processes;

/// <summary>
/// The real Entente host as a child process (<c>dotnet Entente.dll</c>) on a loopback port of its own: what the
/// reliability harnesses kill with SIGKILL, stop, restart and run side by side on one database. Settings are
/// passed as environment variables (<c>Entente__Database__Provider</c> …), exactly as an operator would.
/// The process's output is kept (the last lines are quoted when it fails to start) and, with
/// <see cref="LogFile"/>, written to a file.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private const int KeptLines = 400;
    private readonly Queue<string> _lines = new();
    private readonly Lock _gate = new();
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private Process? _process;
    private StreamWriter? _log;

    /// <param name="settings">Configuration keys in colon form (<c>Entente:DataDirectory</c>) and their values.</param>
    /// <param name="port">Loopback port; 0 picks a free one (kept across restarts).</param>
    /// <param name="logFile">Optional file that receives everything the host writes, across restarts.</param>
    public HostProcess(IEnumerable<KeyValuePair<string, string?>> settings, int port = 0, string? logFile = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
        Port = port == 0 ? FreePort() : port;
        LogFile = logFile;
    }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public string? LogFile { get; }

    /// <summary>The operating-system process id while running.</summary>
    public int? ProcessId => _process is { HasExited: false } p ? p.Id : null;

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The last lines the host wrote to its standard output and error.</summary>
    public string RecentOutput
    {
        get
        {
            lock (_gate)
            {
                return string.Join('\n', _lines);
            }
        }
    }

    /// <summary>The directory of the host's build output, next to the test assemblies (the project reference copies it).</summary>
    public static string AppDirectory => Path.GetDirectoryName(typeof(Program).Assembly.Location)!;

    /// <summary>Starts the host and waits until <c>/health/live</c> answers (migrations run before it listens).</summary>
    public async Task StartAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("The host is already running.");
        }

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppDirectory, "Entente.dll"));
        start.Environment["ASPNETCORE_URLS"] = BaseAddress.ToString().TrimEnd('/');
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_gcServer"] = "0";
        foreach (var (key, value) in _settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        if (LogFile is not null && _log is null)
        {
            _log = new StreamWriter(LogFile, append: true, Encoding.UTF8) { AutoFlush = true };
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(90);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw new InvalidOperationException(
                    $"The host exited with code {process.ExitCode} while starting. Its last output:\n{RecentOutput}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("health/live", UriKind.Relative), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Busy migrating.
            }

            if (deadline.Elapsed > limit)
            {
                Kill();
                throw new TimeoutException($"The host did not answer /health/live within {limit}. Its last output:\n{RecentOutput}");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>SIGKILL: the process dies at once, mid-write, without running any shutdown code (a crash or power cut).</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    /// <summary>SIGTERM, then waits for the host's graceful shutdown (SIGKILL after <paramref name="timeout"/>).</summary>
    public async Task StopAsync(TimeSpan? timeout = null)
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }

        using var wait = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
    }

    /// <summary>Resident memory of the host in bytes (Linux <c>/proc</c>), or null when it is not running.</summary>
    public long? ResidentBytes()
    {
        if (ProcessId is not { } pid)
        {
            return null;
        }

        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var kib = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
                    return kib * 1024;
                }
            }
        }
        catch (IOException)
        {
            // Exited between the check and the read.
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        _process?.Dispose();
        _process = null;
        if (_log is not null)
        {
            await _log.DisposeAsync();
            _log = null;
        }
    }

    /// <summary>A loopback port nobody listens on now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _lines.Enqueue(line);
            while (_lines.Count > KeptLines)
            {
                _lines.Dequeue();
            }

            _log?.WriteLine(line);
        }
    }
}
