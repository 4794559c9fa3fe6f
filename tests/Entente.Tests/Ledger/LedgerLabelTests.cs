using System.Net;
using Entente.Infrastructure.Labels;
using Entente.Testing;
using Entente.Tests.Registry;

namespace Entente.Tests.Ledger;

/// <summary>A pledge a caller may not see does not exist for it: not in a list, a count, an aggregate or a history.</summary>
public abstract class LedgerLabelTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    private static readonly object ConfidentialForGbr = new { classification = "CONFIDENTIAL", releasableTo = new[] { "GBR" } };

    [Fact]
    public async Task A_member_without_release_cannot_see_count_or_aggregate_a_restricted_pledge()
    {
        using var secretariat = await app.SecretariatAsync();
        var donor = await secretariat.RegisterOrganisationAsync();
        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        var open = (await secretariat.RecordAsync(LedgerTestKit.Pledge(donor, with: new Dictionary<string, object?> { ["currency"] = "EUR", ["amount"] = 1_000_00L }))).Id();
        var hidden = (await secretariat.RecordAsync(LedgerTestKit.Pledge(donor, ConfidentialForGbr,
            new Dictionary<string, object?> { ["currency"] = "EUR", ["amount"] = 9_000_00L, ["measure"] = "Hidden measure" }))).Id();
        await (await secretariat.StepAsync(hidden, "committed", "2025-04-01")).JsonAsync(HttpStatusCode.Created);

        using var pol = await app.DelegateAsync("POL", ClassificationLevels.Secret);
        await (await pol.GetPathAsync($"/api/v1/pledges/{hidden}")).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        await (await pol.GetPathAsync($"/api/v1/pledges/{hidden}/versions")).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        await (await pol.StepAsync(hidden, "allocated", "2025-04-02")).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");

        var list = await (await pol.GetPathAsync($"/api/v1/pledges?donor={donor}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        Assert.Equal(open, list.GetProperty("items")[0].Str("id"));
        var search = await (await pol.GetPathAsync("/api/v1/pledges?q=Hidden")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, search.GetProperty("total").GetInt32());

        var polTotals = await (await pol.GetPathAsync($"/api/v1/ledger/aggregates?donor={donor}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, polTotals.GetProperty("total").GetProperty("pledges").GetInt32());
        Assert.Equal(1_000_00L, polTotals.GetProperty("total").GetProperty("announcedEurCents").GetInt64());
        Assert.Equal(0L, polTotals.GetProperty("total").GetProperty("committedEurCents").GetInt64());

        // The member it is released to sees and counts it.
        var gbrTotals = await (await gbr.GetPathAsync($"/api/v1/ledger/aggregates?donor={donor}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, gbrTotals.GetProperty("total").GetProperty("pledges").GetInt32());
        Assert.Equal(10_000_00L, gbrTotals.GetProperty("total").GetProperty("announcedEurCents").GetInt64());
        Assert.Equal(9_000_00L, gbrTotals.GetProperty("total").GetProperty("committedEurCents").GetInt64());
        await (await gbr.GetPathAsync($"/api/v1/pledges/{hidden}")).JsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Anonymous_callers_see_public_pledges_and_public_totals_only_and_cannot_record()
    {
        using var secretariat = await app.SecretariatAsync();
        var donor = await secretariat.RegisterOrganisationAsync();
        var open = (await secretariat.RecordAsync(LedgerTestKit.Pledge(donor, with: new Dictionary<string, object?> { ["currency"] = "EUR", ["amount"] = 3_000_00L }))).Id();
        var restricted = (await secretariat.RecordAsync(LedgerTestKit.Pledge(donor, new { classification = "RESTRICTED" },
            new Dictionary<string, object?> { ["currency"] = "EUR", ["amount"] = 5_000_00L }))).Id();

        using var anonymous = app.Anonymous();
        await (await anonymous.GetPathAsync($"/api/v1/pledges/{open}")).JsonAsync(HttpStatusCode.OK);
        await (await anonymous.GetPathAsync($"/api/v1/pledges/{restricted}")).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        var totals = await (await anonymous.GetPathAsync($"/api/v1/ledger/aggregates?donor={donor}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(3_000_00L, totals.GetProperty("total").GetProperty("announcedEurCents").GetInt64());
        await (await anonymous.PostJsonAsync("/api/v1/pledges", LedgerTestKit.Pledge(donor))).ProblemAsync(HttpStatusCode.Unauthorized, "/problems/unauthenticated");
        await (await anonymous.GetPathAsync($"/api/v1/pledges/{open}/versions")).ProblemAsync(HttpStatusCode.Unauthorized, "/problems/unauthenticated");
    }

    [Fact]
    public async Task The_audit_log_records_a_pledge_under_its_own_label()
    {
        using var secretariat = await app.SecretariatAsync();
        var donor = await secretariat.RegisterOrganisationAsync();
        var hidden = (await secretariat.RecordAsync(LedgerTestKit.Pledge(donor, ConfidentialForGbr,
            new Dictionary<string, object?> { ["currency"] = "EUR", ["amount"] = 9_000_00L }))).Id();

        var labels = await app.DbAsync(db => Task.FromResult(
            db.AuditEntries.Where(e => e.EntityId == hidden).Select(e => e.Label.ReleasableTo).ToList()));
        Assert.NotEmpty(labels);
        Assert.All(labels, l => Assert.Equal("|GBR|", l));
        var cli = await app.RunCliAsync("audit", "verify");
        Assert.Equal(0, cli.ExitCode);
    }
}

public sealed class LedgerLabelTestsOnSqlite(SqliteApp app) : LedgerLabelTests<SqliteApp>(app);

public sealed class LedgerLabelTestsOnPostgres(PostgresApp app) : LedgerLabelTests<PostgresApp>(app);
