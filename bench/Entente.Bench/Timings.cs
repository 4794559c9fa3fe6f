using System.Diagnostics;

namespace Entente.Bench;

/// <summary>Elapsed times of one measured operation, in milliseconds; percentiles by nearest rank.</summary>
public sealed class Timings
{
    private readonly List<double> _samples = [];

    public int Count => _samples.Count;

    public double Median => Percentile(50);

    public double P95 => Percentile(95);

    public double Min => _samples.Min();

    public void Add(TimeSpan elapsed) => _samples.Add(elapsed.TotalMilliseconds);

    public double Percentile(int percent)
    {
        if (_samples.Count == 0)
        {
            return double.NaN;
        }

        var sorted = _samples.Order().ToList();
        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    /// <summary>Runs <paramref name="action"/> once and records how long it took.</summary>
    public async Task<T> MeasureAsync<T>(Func<Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var start = Stopwatch.GetTimestamp();
        var result = await action();
        Add(Stopwatch.GetElapsedTime(start));
        return result;
    }
}
