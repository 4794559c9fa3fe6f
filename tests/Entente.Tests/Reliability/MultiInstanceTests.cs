using Entente.Testing;
using Entente.Testing.Reliability;

namespace Entente.Tests.Reliability;

/// <summary>
/// Two real hosts on one PostgreSQL database, every background job on: what one instance issues the others accept,
/// traffic through all of them leaves one audit chain, and each job's effect happens once (the reduced form of
/// <c>bench instances</c>).
/// </summary>
public sealed class MultiInstanceTests(PostgresApp app) : IClassFixture<PostgresApp>
{
    [Fact]
    public async Task Two_instances_share_sessions_keep_one_audit_chain_and_run_each_job_once()
    {
        var report = await MultiInstanceHarness.RunAsync(app, new MultiInstanceOptions
        {
            Instances = 2,
            Duration = TimeSpan.FromSeconds(5),
            Workers = 4,
            AlertRules = 2,
            AgreementDays = 3,
        }, null, TestContext.Current.CancellationToken);

        // A session cookie and an antiforgery token issued by one instance are accepted by the others.
        Assert.True(report.CookieAcceptedByEveryInstance);
        Assert.True(report.AntiforgeryTokenAcceptedByAnotherInstance);
        Assert.True(report.ForgedAntiforgeryTokenRefused);

        // Every instance served its share, and none failed a request.
        Assert.All(report.Traffic, t => Assert.True(t.Requests > 0, $"instance {t.Instance} served no request"));
        Assert.True(report.Errors == 0, string.Join('\n', report.ErrorSamples));

        // One audit chain: sequences 1..N without a gap, and it verifies; every checkpoint signs an entry of it.
        Assert.True(report.ChainEntries > 0);
        Assert.True(report.ChainGapless, $"sequences {report.ChainFirst}..{report.ChainLast} for {report.ChainEntries} entries");
        Assert.True(report.ChainVerifies, report.VerifyOutput);
        Assert.True(report.Checkpoints > 0);
        Assert.Equal(0, report.CheckpointsNotOnTheChain);

        // Each job's effect exactly once.
        Assert.True(report.SilenceProceduresOpened > 0);
        Assert.Equal(report.SilenceProceduresOpened, report.SilenceProceduresAdopted);
        Assert.Equal(report.SilenceProceduresOpened, report.SilenceDecisions);
        Assert.Equal(report.ReportDaysOwed, report.Reports);
        Assert.Equal(0, report.ReportDaysDuplicated);
        Assert.Equal(2, report.AlertRulesFired);
        Assert.Equal(2, report.Alerts);
        Assert.Equal(0, report.AlertRulesWithSeveralAlerts);
    }
}
