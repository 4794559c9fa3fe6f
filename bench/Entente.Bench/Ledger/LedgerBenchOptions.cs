using System.Globalization;

namespace Entente.Bench.Ledger;

/// <summary>Command-line options of the ledger benchmark.</summary>
public sealed record LedgerBenchOptions(int Pledges, int Iterations, int Warmup, bool Rebuild, bool Quick, string? Postgres, bool ShowSql)
{
    public static LedgerBenchOptions Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var quick = args.Contains("--quick");
        var options = new LedgerBenchOptions(
            Pledges: quick ? 10_000 : 100_000,
            Iterations: quick ? 5 : 30,
            Warmup: quick ? 1 : 3,
            Rebuild: args.Contains("--rebuild"),
            Quick: quick,
            Postgres: null,
            ShowSql: args.Contains("--show-sql"));
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick" or "--rebuild" or "--show-sql":
                    break;
                case "--pledges":
                    options = options with { Pledges = Number(args, ++i) };
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
