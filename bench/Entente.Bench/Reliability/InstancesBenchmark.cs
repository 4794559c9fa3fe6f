using System.Globalization;
using Entente.Testing;
using Entente.Testing.Reliability;

namespace Entente.Bench.Reliability;

/// <summary>
/// Several instances on one PostgreSQL (<see cref="MultiInstanceHarness"/>): requests per instance, errors, the audit
/// chain, each background job's effect. Exits 1 when anything that must hold does not.
/// </summary>
public static class InstancesBenchmark
{
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var options = new MultiInstanceOptions { Duration = TimeSpan.FromSeconds(60), Workers = 8, AlertRules = 5, AgreementDays = 7 };
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--instances" => options with { Instances = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--seconds" => options with { Duration = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture)) },
                "--workers" => options with { Workers = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--postgres" => SetServer(Next(), options),
                _ => throw new ArgumentException($"Unknown option '{args[i]}'"),
            };
        }

        output.WriteLine(string.Format(CultureInfo.InvariantCulture, "instances: {0} hosts on one PostgreSQL database, {1} clients round-robin for {2:N0} s, every job ticking each second",
            options.Instances, options.Workers, options.Duration.TotalSeconds));
        // The fixture's in-process host finds its content root through this variable outside a test run.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_ENTENTE", Path.Combine(Monitoring.MonitoringBenchmark.RepositoryRoot(), "src", "Entente"));
        await using var app = new PostgresApp();
        await app.InitializeAsync();
        var report = await MultiInstanceHarness.RunAsync(app, options, output, CancellationToken.None);
        report.WriteTo(output);
        var holds = report.Errors == 0 && report.CookieAcceptedByEveryInstance && report.AntiforgeryTokenAcceptedByAnotherInstance
            && report.ForgedAntiforgeryTokenRefused && report.ChainGapless && report.ChainVerifies && report.CheckpointsNotOnTheChain == 0
            && report.SilenceProceduresAdopted == report.SilenceProceduresOpened && report.SilenceDecisions == report.SilenceProceduresOpened
            && report.Reports == report.ReportDaysOwed && report.ReportDaysDuplicated == 0
            && report.AlertRulesFired == options.AlertRules && report.AlertRulesWithSeveralAlerts == 0;
        output.WriteLine(holds ? "everything held" : "SOMETHING DID NOT HOLD");
        return holds ? 0 : 1;
    }

    private static MultiInstanceOptions SetServer(string connectionString, MultiInstanceOptions options)
    {
        Environment.SetEnvironmentVariable(TestPostgres.Variable, connectionString);
        return options;
    }
}
