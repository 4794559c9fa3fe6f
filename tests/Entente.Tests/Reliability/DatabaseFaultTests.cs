using Entente.Testing.Processes;
using Entente.Testing.Reliability;

namespace Entente.Tests.Reliability;

/// <summary>
/// The reduced form of the database-fault harness (<c>entente-bench faults</c> runs several cycles): one PostgreSQL
/// stop/start under load against the real host process, and one full disk under SQLite. Asserts what clients and
/// operators notice, never timings.
/// </summary>
public sealed class DatabaseFaultTests
{
    [Fact]
    public async Task When_PostgreSQL_restarts_under_load_the_host_answers_503_with_Retry_After_recovers_by_itself_and_loses_no_acknowledged_write()
    {
        Assert.NotNull(PostgresCluster.FindBinaries());
        using var log = new StringWriter();
        var report = await DatabaseFaultHarness.RunPostgresAsync(
            new DatabaseFaultOptions { Cycles = 1, Down = TimeSpan.FromSeconds(3), Warm = TimeSpan.FromSeconds(2) }, log,
            TestContext.Current.CancellationToken);

        Assert.True(report.Other == 0, "Answers other than 2xx and well-formed 503: " +
            string.Join("; ", report.OtherAnswers.Select(a => $"{a.Value.Count} x {a.Key}: {a.Value.Sample}")) + "\n" + log);
        Assert.True(report.Unavailable > 0, "No request met the database while it was down.");
        Assert.True(report.HostStayedUp);
        var cycle = Assert.Single(report.Cycles);
        Assert.True(cycle.LiveStayed200, "/health/live failed while only the database was down.");
        Assert.True(report.Acknowledged > 0);
        Assert.Equal(0, report.AcknowledgedLost);
        Assert.True(report.AuditVerifies, report.AuditOutput);
    }

    [Fact]
    public async Task When_the_SQLite_disk_is_full_writes_are_refused_with_507_and_nothing_stored_is_lost_or_corrupted()
    {
        using var log = new StringWriter();
        var report = await DatabaseFaultHarness.RunSqliteAsync(log, TestContext.Current.CancellationToken);

        Assert.True(report.Other == 0, "Answers other than 2xx and well-formed 507: " +
            string.Join("; ", report.OtherAnswers.Select(a => $"{a.Value.Count} x {a.Key}: {a.Value.Sample}")) + "\n" + log);
        Assert.Equal(20, report.StoredBefore);
        Assert.True(report.RefusedWhileFull > 0, log.ToString());
        Assert.Equal("ok", report.IntegrityWhileFull);
        Assert.Equal("ok", report.IntegrityAfter);
        Assert.Equal(0, report.AcknowledgedLost);
        Assert.True(report.AuditVerifies, report.AuditOutput);
        Assert.Equal(201, report.WriteAfterFreeing);
    }
}
