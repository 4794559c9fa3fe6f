using System.Globalization;
using Entente.Bench.Monitoring;
using Entente.Testing.Reliability;

namespace Entente.Bench.Load;

/// <summary>
/// The full load run (<see cref="LoadHarness"/>): several minutes of a mixed workload against the real host, reported
/// as a markdown table with the memory series; fails (exit 1) on any unexpected answer, a label violation, a lost observation,
/// an audit chain that does not verify, or memory still growing in the last third of the run.
/// </summary>
public static class LoadBenchmark
{
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var options = LoadOptions.Parse(args);

        // The seeding host runs in process and finds the application's content root from this.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_ENTENTE", Path.Combine(MonitoringBenchmark.RepositoryRoot(), "src", "Entente"));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"## Load: {options.Duration.TotalMinutes:F1} min, {options.Clients} clients, {(options.PostgresServer is null ? "SQLite" : "PostgreSQL")}, {options.Pledges:N0} pledges, {options.Observations:N0} observations seeded ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)"));
        var report = await LoadHarness.RunAsync(options, output);
        await output.WriteLineAsync();
        await output.WriteLineAsync(report.Describe());
        var failed = report.Errors > 0 || report.Recorder.LabelViolations.Count > 0 || report.ObservationsStored != report.ObservationsExpected
            || report.AuditVerify.ExitCode != 0 || report.Memory is { Growing: true };
        if (report.AuditVerify.ExitCode != 0)
        {
            await output.WriteLineAsync(report.AuditVerify.Output + report.AuditVerify.Error);
        }

        await output.WriteLineAsync(failed ? "LOAD RUN FAILED (see above)." : "Load run passed: every request answered as expected, labels held, nothing lost, the chain verifies, memory flat.");
        return failed ? 1 : 0;
    }
}
