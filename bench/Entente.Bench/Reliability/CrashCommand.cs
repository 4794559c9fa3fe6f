using System.Globalization;
using Entente.Testing;
using Entente.Testing.Reliability;

namespace Entente.Bench.Reliability;

/// <summary><c>crash</c>: the crash harness, SQLite then (with <c>--postgres</c>) PostgreSQL; exit 1 on any violation.</summary>
internal static class CrashCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var rounds = 20;
        var seed = 20261130;
        var writers = 3;
        string? postgres = null;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--rounds": rounds = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--seed": seed = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--writers": writers = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--postgres": postgres = Next(); break;
                default: throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }

        // The in-process app that prepares and inspects the database serves the host's content from the source tree.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_ENTENTE", Path.Combine(Monitoring.MonitoringBenchmark.RepositoryRoot(), "src", "Entente"));
        var providers = new List<TestProvider> { TestProvider.Sqlite };
        if (postgres is not null)
        {
            Environment.SetEnvironmentVariable(TestPostgres.Variable, postgres);
            providers.Add(TestProvider.Postgres);
        }

        var failed = false;
        foreach (var provider in providers)
        {
            var summary = await CrashHarness.RunAsync(new CrashHarnessOptions
            {
                Provider = provider,
                Rounds = rounds,
                Seed = seed,
                Writers = writers,
                Progress = output,
            });
            output.WriteLine(summary);
            foreach (var violation in summary.Violations)
            {
                output.WriteLine("  violation: " + violation);
            }

            failed |= !summary.Passed;
        }

        return failed ? 1 : 0;
    }
}
