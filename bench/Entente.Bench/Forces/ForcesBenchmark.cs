using System.Globalization;
using Entente.Modules.Forces.Domain.Generation;
using Entente.Testing.Forces;

namespace Entente.Bench.Forces;

/// <summary>Options of the force-generation benchmark.</summary>
public sealed record ForcesBenchOptions(int Lines, int Offers, int Seed, TimeSpan TimeLimit, int? Workers)
{
    public static ForcesBenchOptions Parse(string[] args)
    {
        var options = new ForcesBenchOptions(500, 2_000, 20270101, TimeSpan.FromSeconds(10), null);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--quick" => options with { Lines = 100, Offers = 400, TimeLimit = TimeSpan.FromSeconds(2) },
                "--lines" => options with { Lines = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--offers" => options with { Offers = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--seed" => options with { Seed = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--time-limit" => options with { TimeLimit = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture)) },
                "--workers" => options with { Workers = int.Parse(Next(), CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'"),
            };
        }

        return options;
    }
}

/// <summary>
/// Optimal force generation (CP-SAT) against the greedy baseline on the same seeded instance, in the same run: the
/// solver's time, status, objective and proven bound, and the greedy objective as a share of the solver's.
/// </summary>
public static class ForcesBenchmark
{
    public static Task<int> RunAsync(ForcesBenchOptions options, TextWriter output)
    {
        var problem = ForceGenerationInstances.Generate(options.Lines, options.Offers, options.Seed);
        var caveated = problem.Offers.Count(o => o.Caveats.AllowedSectors.Count + o.Caveats.RefusedSectors.Count + o.Caveats.RefusedTasks.Count > 0
            || o.Caveats.MaxDurationDays is not null || o.Caveats.NationalApprovalPerUse
            || o.Caveats.MaxRoe != OfferCaveats.None.MaxRoe || o.Caveats.CommandArrangement != OfferCaveats.None.CommandArrangement);
        var conditioned = problem.Offers.Count(o => o.Conditions.Count > 0);
        output.WriteLine(Invariant($"forces: {problem.Lines.Count} requirement lines, {problem.Offers.Count} offers ({caveated} with caveats, {conditioned} with conditions), seed {options.Seed}"));
        output.WriteLine(Invariant($"scenario: {problem.Scenario.Name}; processors: {Environment.ProcessorCount}; solver workers: {options.Workers ?? ForceGenerator.DefaultWorkers}; time limit {options.TimeLimit.TotalSeconds:0.#} s"));

        // A tiny solve first, so that loading the native library is not billed to the measured run.
        ForceGenerator.Generate(ForceGenerationInstances.Generate(5, 10, 1), TimeSpan.FromSeconds(1), options.Workers);

        var greedy = GreedyForceGenerator.Generate(problem);
        var solved = ForceGenerator.Generate(problem, options.TimeLimit, options.Workers);

        output.WriteLine();
        output.WriteLine("| method | time | status | objective | best bound | gap to bound | lines at minimum | lines filled |");
        output.WriteLine("|---|---:|---|---:|---:|---:|---:|---:|");
        foreach (var result in new[] { solved, greedy })
        {
            output.WriteLine(Invariant(
                $"| {result.Method} | {result.SolveTime.TotalMilliseconds:#,0} ms | {result.Status}{(result.TimeLimitReached ? " (time limit)" : "")} | {result.Objective:#,0} | {(result.BestBound is { } b ? b.ToString("#,0", CultureInfo.InvariantCulture) : "–")} | {(result.RelativeGap is { } g ? g.ToString("0.00%", CultureInfo.InvariantCulture) : "–")} | {result.LinesAtMinimum} / {problem.Lines.Count} | {result.LinesFilled} / {problem.Lines.Count} |"));
        }

        output.WriteLine();
        var ratio = solved.Objective == 0 ? 1 : (double)greedy.Objective / solved.Objective;
        output.WriteLine(Invariant($"greedy objective = {ratio:0.00%} of the solver's (the solver is {(solved.Objective - greedy.Objective) / (double)Math.Max(1, greedy.Objective):0.00%} better)"));
        if (solved.BestBound is { } bound && bound > 0)
        {
            output.WriteLine(Invariant($"greedy optimality gap against the solver's proven bound: {(bound - greedy.Objective) / (double)bound:0.00%}"));
        }

        output.WriteLine(Invariant($"solver note: {solved.Note}"));
        return Task.FromResult(0);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
