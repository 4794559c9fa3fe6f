using System.Globalization;

namespace Entente.Bench.Monitoring;

/// <summary>Command-line options of the monitoring benchmark.</summary>
public sealed record MonitoringBenchOptions(
    int Observations, int BatchSize, int ClusterPoints, int QueryRows, int Iterations, int Warmup, bool Quick, string? Postgres, IReadOnlySet<string> Parts, bool ShowSql = false)
{
    public static readonly IReadOnlySet<string> AllParts = new HashSet<string>(StringComparer.Ordinal) { "ingest", "correlation", "queries" };

    public static MonitoringBenchOptions Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var quick = args.Contains("--quick");
        var options = new MonitoringBenchOptions(
            Observations: quick ? 20_000 : 200_000,
            BatchSize: quick ? 5_000 : 10_000,
            ClusterPoints: quick ? 100_000 : 1_000_000,
            QueryRows: quick ? 200_000 : 10_000_000,
            Iterations: quick ? 10 : 40,
            Warmup: quick ? 1 : 3,
            Quick: quick,
            Postgres: null,
            Parts: AllParts);
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    break;
                case "--show-sql":
                    options = options with { ShowSql = true };
                    break;
                case "--observations":
                    options = options with { Observations = Number(args, ++i) };
                    break;
                case "--batch":
                    options = options with { BatchSize = Number(args, ++i) };
                    break;
                case "--cluster-points":
                    options = options with { ClusterPoints = Number(args, ++i) };
                    break;
                case "--query-rows":
                    options = options with { QueryRows = Number(args, ++i) };
                    break;
                case "--iterations":
                    options = options with { Iterations = Number(args, ++i) };
                    break;
                case "--warmup":
                    options = options with { Warmup = Number(args, ++i, min: 0) };
                    break;
                case "--postgres":
                    options = options with { Postgres = Value(args, ++i) };
                    break;
                case "--only":
                    var parts = Value(args, ++i).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
                    if (!parts.IsSubsetOf(AllParts))
                    {
                        throw new ArgumentException($"--only takes a comma-separated list of {string.Join(", ", AllParts)}.", nameof(args));
                    }

                    options = options with { Parts = parts };
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{args[i]}'. Try --help.", nameof(args));
            }
        }

        return options;
    }

    private static string Value(string[] args, int i) =>
        i < args.Length ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value.", nameof(args));

    private static int Number(string[] args, int i, int min = 1) =>
        int.TryParse(Value(args, i), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min
            ? n
            : throw new ArgumentException($"{args[i - 1]} needs a whole number of at least {min}.", nameof(args));
}
