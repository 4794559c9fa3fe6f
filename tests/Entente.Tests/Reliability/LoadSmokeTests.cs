using Entente.Testing;
using Entente.Testing.Reliability;

namespace Entente.Tests.Reliability;

/// <summary>
/// The load harness in a reduced, bounded form: half a minute of the mixed workload against the real host as a child
/// process. Asserts correctness under load, never timings: every request answered as expected (no 5xx, no timeouts,
/// hidden pledges 404), no delegate ever handed a record its label does not release to it, every acknowledged
/// observation stored, the audit chain intact, memory sampled throughout.
/// </summary>
public sealed class LoadSmokeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static LoadOptions Smoke => new()
    {
        Duration = TimeSpan.FromSeconds(25),
        Clients = 6,
        Pledges = 1_000,
        Observations = 2_000,
        IngestBatch = 200,
        BaselineDuration = TimeSpan.FromSeconds(2),
        SampleEvery = TimeSpan.FromSeconds(2),
    };

    [Fact]
    public async Task A_mixed_workload_on_SQLite_is_answered_without_errors_and_keeps_labels_and_observations()
    {
        var report = await LoadHarness.RunAsync(Smoke, TextWriter.Null, Ct);
        AssertSound(report);
    }

    [Fact]
    public async Task A_mixed_workload_on_PostgreSQL_is_answered_without_errors_and_keeps_labels_and_observations()
    {
        var report = await LoadHarness.RunAsync(Smoke with { PostgresServer = TestPostgres.ServerConnectionString }, TextWriter.Null, Ct);
        AssertSound(report);
    }

    private static void AssertSound(LoadReport report)
    {
        var description = report.Describe();
        Assert.True(report.Errors == 0, description);
        Assert.Empty(report.Recorder.LabelViolations);
        Assert.True(report.Recorder.LabelsChecked > 0, "The delegates' answers carried no labels to check.");

        // Every kind of operation ran, including the hidden-pledge probes (all 404) and the editors' changes.
        string[] kinds = ["GET /ledger/aggregates", "GET /pledges", "GET /pledges/{id} not released (404)", "GET /observations", "GET /monitoring/map",
            "GET /meetings", "GET /decisions", "GET /documents", "page (cookie session)", "POST /observations/batch", "POST /events/{id}/decisions",
            "POST /pledges/{id}/transitions", "POST /actions"];
        foreach (var kind in kinds)
        {
            Assert.Contains(report.Recorder.Operations, o => o.Name == kind && o.Succeeded > 0);
        }

        Assert.True(report.ObservationsAcknowledged > 0);
        Assert.Equal(report.ObservationsExpected, report.ObservationsStored);
        Assert.True(report.AuditVerify.ExitCode == 0, report.AuditVerify.Output + report.AuditVerify.Error);
        Assert.True(report.Recorder.Memory.Count >= 6, $"Only {report.Recorder.Memory.Count} memory samples.");
        Assert.All(report.Recorder.Memory, s => Assert.True(s.ResidentBytes > 0));
        Assert.NotNull(report.Memory);
    }
}
