using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Entente.Testing.Reliability;

/// <summary>What one kind of operation did during a load run: every latency sample and every answer's status.</summary>
public sealed class LoadOperationStats(string name)
{
    private readonly Lock _gate = new();
    private readonly List<long> _ticks = [];
    private readonly SortedDictionary<string, int> _outcomes = new(StringComparer.Ordinal);

    public string Name { get; } = name;

    /// <summary>Answers with the status the operation expects (2xx, or 404 for a deliberate probe of a hidden record).</summary>
    public int Succeeded { get; private set; }

    /// <summary>Unexpected answers and failures by status code (or <c>timeout</c>, <c>exception</c>).</summary>
    public IReadOnlyDictionary<string, int> Errors
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, int>(_outcomes);
            }
        }
    }

    public int ErrorCount
    {
        get
        {
            lock (_gate)
            {
                return _outcomes.Values.Sum();
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _ticks.Count;
            }
        }
    }

    public void Record(long elapsedTicks, string? error)
    {
        lock (_gate)
        {
            _ticks.Add(elapsedTicks);
            if (error is null)
            {
                Succeeded++;
            }
            else
            {
                _outcomes[error] = _outcomes.GetValueOrDefault(error) + 1;
            }
        }
    }

    /// <summary>The latency at <paramref name="percentile"/> (0–100) by nearest rank over every sample, in milliseconds.</summary>
    public double PercentileMs(double percentile)
    {
        long[] sorted;
        lock (_gate)
        {
            sorted = [.. _ticks];
        }

        if (sorted.Length == 0)
        {
            return 0;
        }

        Array.Sort(sorted);
        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1] * 1000.0 / Stopwatch.Frequency;
    }
}

/// <summary>One sample of the host's memory during a run.</summary>
public sealed record MemorySample(TimeSpan At, long ResidentBytes, long Requests);

/// <summary>Collects latencies by operation kind, label-rule violations and memory samples, and writes the report.</summary>
public sealed class LoadRecorder
{
    private readonly ConcurrentDictionary<string, LoadOperationStats> _operations = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _violations = new();
    private long _requests;
    private long _labelsChecked;

    public IReadOnlyList<LoadOperationStats> Operations => [.. _operations.Values.OrderBy(o => o.Name, StringComparer.Ordinal)];

    public List<MemorySample> Memory { get; } = [];

    /// <summary>Records a delegate's read that returned a record its label does not release to the delegate.</summary>
    public IReadOnlyList<string> LabelViolations => [.. _violations];

    public long Requests => Interlocked.Read(ref _requests);

    public long LabelsChecked => Interlocked.Read(ref _labelsChecked);

    public void Record(string operation, long elapsedTicks, string? error)
    {
        Interlocked.Increment(ref _requests);
        _operations.GetOrAdd(operation, n => new LoadOperationStats(n)).Record(elapsedTicks, error);
    }

    /// <summary>The first few unexpected answers, to say what went wrong.</summary>
    public IReadOnlyList<string> ErrorSamples => [.. _errorSamples];

    private readonly ConcurrentQueue<string> _errorSamples = new();

    private readonly ConcurrentDictionary<string, int> _sampled = new(StringComparer.Ordinal);

    /// <summary>Keeps the first two answers of each operation and status.</summary>
    public void ErrorSample(string operation, string answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (_errorSamples.Count < 20 && _sampled.AddOrUpdate($"{operation} {answer[..Math.Min(3, answer.Length)]}", 1, (_, n) => n + 1) <= 2)
        {
            _errorSamples.Enqueue($"{operation}: {answer[..Math.Min(400, answer.Length)]}");
        }
    }

    public void LabelChecked(int count) => Interlocked.Add(ref _labelsChecked, count);

    public void Violation(string what)
    {
        if (_violations.Count < 100)
        {
            _violations.Enqueue(what);
        }
    }

    /// <summary>A markdown table of the operations: count, rate over <paramref name="duration"/>, latency percentiles, errors.</summary>
    public string Table(TimeSpan duration)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| operation | count | req/s | p50 ms | p95 ms | p99 ms | max ms | errors |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---|");
        foreach (var op in Operations)
        {
            sb.AppendLine(Row(op, duration));
        }

        var total = Operations.Sum(o => o.Count);
        var errors = Operations.Sum(o => o.ErrorCount);
        sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"| **all** | {total:N0} | {total / duration.TotalSeconds:N1} | | | | | {errors} |"));
        return sb.ToString();
    }

    public static string Row(LoadOperationStats op, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(op);
        var errors = op.Errors.Count == 0 ? "0" : string.Join(", ", op.Errors.Select(e => $"{e.Key}: {e.Value}"));
        return string.Create(CultureInfo.InvariantCulture,
            $"| {op.Name} | {op.Count:N0} | {op.Count / duration.TotalSeconds:N1} | {op.PercentileMs(50):N1} | {op.PercentileMs(95):N1} | {op.PercentileMs(99):N1} | {op.PercentileMs(100):N1} | {errors} |");
    }

    /// <summary>The memory series, one line per sample: elapsed seconds, resident MiB, requests answered so far.</summary>
    public string MemorySeries()
    {
        var sb = new StringBuilder();
        lock (Memory)
        {
            foreach (var sample in Memory)
            {
                sb.Append(CultureInfo.InvariantCulture, $"{sample.At.TotalSeconds,6:F0}s {sample.ResidentBytes / 1048576.0,7:F1} MiB {sample.Requests,9:N0} req");
                sb.AppendLine();
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// Average resident memory of the last third of the samples against the middle third (the first third is warm-up:
    /// JIT, caches, pools filling). Null with fewer than six samples.
    /// </summary>
    public MemoryVerdict? Growth(double thresholdPercent)
    {
        List<MemorySample> samples;
        lock (Memory)
        {
            samples = [.. Memory];
        }

        if (samples.Count < 6)
        {
            return null;
        }

        var third = samples.Count / 3;
        var middle = samples.Skip(third).Take(third).Average(s => (double)s.ResidentBytes);
        var last = samples.Skip(samples.Count - third).Average(s => (double)s.ResidentBytes);
        var growth = (last - middle) / middle * 100;
        return new MemoryVerdict(middle / 1048576.0, last / 1048576.0, growth, samples.Max(s => s.ResidentBytes) / 1048576.0, growth > thresholdPercent, thresholdPercent);
    }
}

/// <summary>Whether the host's memory kept growing in the second half of a run.</summary>
public sealed record MemoryVerdict(double MiddleThirdMiB, double LastThirdMiB, double GrowthPercent, double PeakMiB, bool Growing, double ThresholdPercent)
{
    public override string ToString()
    {
        var verdict = Growing
            ? string.Create(CultureInfo.InvariantCulture, $"GROWING (more than {ThresholdPercent:F0}%)")
            : string.Create(CultureInfo.InvariantCulture, $"flat (within {ThresholdPercent:F0}%)");
        return string.Create(CultureInfo.InvariantCulture,
            $"RSS average middle third {MiddleThirdMiB:F1} MiB, last third {LastThirdMiB:F1} MiB: {GrowthPercent:+0.0;-0.0}% (peak {PeakMiB:F1} MiB) — {verdict}");
    }
}
