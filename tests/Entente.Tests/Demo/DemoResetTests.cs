using System.Net;
using Entente.Demo;
using Entente.Infrastructure.Labels;
using Entente.Testing;
using Entente.Tests.Registry;
using Microsoft.EntityFrameworkCore;

namespace Entente.Tests.Demo;

public abstract class DemoResetTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    [Fact]
    public async Task Demo_reset_restores_the_coalition_its_users_and_its_sourced_pledges_once_and_keeps_the_audit_chain_intact()
    {
        var first = await app.RunCliAsync("demo", "reset");
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains("delegate.gbr", first.Output, StringComparison.Ordinal);

        // A pledge recorded by a user for a demo member goes with the demo data on the next reset.
        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        await (await gbr.PostJsonAsync("/api/v1/pledges", Ledger.LedgerTestKit.Pledge("GBR"))).JsonAsync(HttpStatusCode.Created);

        var second = await app.RunCliAsync("demo", "reset");
        Assert.True(second.ExitCode == 0, second.Error);

        var (missiles, loans, rearm, total) = await app.DbAsync(async db => (
            await db.Pledges.IgnoreQueryFilters().CountAsync(p => p.DonorCode == "GBR" && p.Type == Modules.Ledger.Domain.AidType.AirDefence && p.Amount == 1_600_000_000_00),
            await db.Pledges.IgnoreQueryFilters().CountAsync(p => p.Channel == Modules.Ledger.Domain.FundingChannel.ImmobilisedAssetsLoan),
            await db.Pledges.IgnoreQueryFilters().CountAsync(p => p.Kind == Modules.Ledger.Domain.MeasureKind.DefenceIndustrial && p.DonorCode == "EU"),
            await db.Pledges.IgnoreQueryFilters().CountAsync()));
        Assert.Equal(1, missiles);
        Assert.Equal(1, loans);
        Assert.Equal(1, rearm);
        Assert.Equal(Modules.Ledger.Domain.MeasureKind.Aid, await app.DbAsync(db => db.Pledges.IgnoreQueryFilters().Where(p => p.Quantity == 10_000).Select(p => p.Kind).SingleAsync()));
        Assert.True(total >= 7, $"expected the demo pledges, found {total}");
        Assert.All(await app.DbAsync(db => db.Pledges.IgnoreQueryFilters().Include(p => p.Sources).ToListAsync()), p => Assert.NotEmpty(p.Sources));

        // Anonymous visitors see the public demo pledges, and not the illustrative CONFIDENTIAL one.
        using var anonymous = app.Anonymous();
        var open = await (await anonymous.GetPathAsync("/api/v1/pledges?kind=all&pageSize=200")).JsonAsync(HttpStatusCode.OK);
        var measures = open.GetProperty("items").EnumerateArray().Select(i => i.Str("measure")).ToList();
        Assert.Contains(measures, m => m.Contains("ReArm Europe", StringComparison.Ordinal));
        Assert.DoesNotContain(measures, m => m.Contains("Interceptor", StringComparison.Ordinal));

        // The demo ceasefire with its observations, linked into events and placed against its zones, stored once.
        var (agreements, observations, events, violations) = await app.DbAsync(async db => (
            await db.Agreements.IgnoreQueryFilters().CountAsync(a => a.Code == DemoMonitoring.AgreementCode),
            await db.Observations.IgnoreQueryFilters().CountAsync(o => o.Source.StartsWith("demo-")),
            await db.Events.IgnoreQueryFilters().CountAsync(e => e.MergedInto == null),
            await db.Observations.IgnoreQueryFilters().CountAsync(o => o.IsViolation)));
        Assert.Equal(1, agreements);
        Assert.Equal(DemoMonitoring.Observations(DateTime.UtcNow).Count, observations);
        Assert.InRange(events, 1, observations - 1);
        Assert.True(violations > 0, "some demo observations fall in the security zone");

        var verify = await app.RunCliAsync("audit", "verify");
        Assert.True(verify.ExitCode == 0, verify.Output + verify.Error);
    }
}

public sealed class DemoResetTestsOnSqlite(SqliteApp app) : DemoResetTests<SqliteApp>(app);

public sealed class DemoResetTestsOnPostgres(PostgresApp app) : DemoResetTests<PostgresApp>(app);
