using Entente.Testing;
using Entente.Testing.Reliability;

namespace Entente.Tests.Reliability;

/// <summary>
/// The reduced, bounded form of the crash harness (the full run is <c>Entente.Bench crash</c>): the real host is
/// killed with SIGKILL twice (each restart of the real host takes a while on a busy machine) while clients ingest
/// observation batches, import pledge files and run decision procedures; after each restart nothing acknowledged is
/// lost, nothing is stored twice or in part, and the audit chain verifies. The first kill waits until each kind of
/// write has been acknowledged once, so that there is something of each kind to find after the restart. Both providers share one collection so that two hosts are never killed at once on two cores.
/// </summary>
[Collection("crash safety")]
public abstract class CrashSafetyTests<TApp>
    where TApp : EntenteApp
{
    protected abstract TestProvider Provider { get; }

    [Fact]
    public async Task Writes_acknowledged_before_a_kill_are_there_exactly_once_after_the_restart_and_nothing_is_half_stored()
    {
        var summary = await CrashHarness.RunAsync(new CrashHarnessOptions
        {
            Provider = Provider,
            Rounds = 2,
            Seed = 20261130,
            Writers = 3,
            KillAfterEveryKindAcknowledged = true,
        }, TestContext.Current.CancellationToken);

        Assert.True(summary.Violations.Count == 0, string.Join('\n', summary.Violations));
        Assert.Equal(0, summary.Duplicates);
        Assert.Equal(0, summary.Partial);
        Assert.True(summary.ChainVerified);
        Assert.Equal(2, summary.ChainVerifications);
        Assert.True(summary.Acknowledged.Count == 3, $"every workload acknowledged at least one write: {summary}");
    }
}

public sealed class CrashSafetyTestsOnSqlite : CrashSafetyTests<SqliteApp>
{
    protected override TestProvider Provider => TestProvider.Sqlite;
}

public sealed class CrashSafetyTestsOnPostgres : CrashSafetyTests<PostgresApp>
{
    protected override TestProvider Provider => TestProvider.Postgres;
}
