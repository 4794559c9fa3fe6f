using System.Net;
using System.Text.Json;
using Entente.Infrastructure.Labels;
using Entente.Modules.Audit.Domain;
using Entente.Testing;
using Entente.Tests.Ledger;
using Entente.Tests.Registry;
using Microsoft.EntityFrameworkCore;

namespace Entente.Tests.Security;

public abstract class DeniedAccessAuditTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    private static readonly string[] OnlyGbr = ["GBR"];
    private static readonly string[] GbrAndUnknown = ["GBR", "ZZQ"];

    [Fact]
    public async Task A_delegate_asking_for_a_record_it_may_not_read_gets_404_and_the_attempt_is_audited_with_its_user_and_path()
    {
        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        var hidden = (await gbr.RecordAsync(LedgerTestKit.Pledge("GBR", new { classification = "CONFIDENTIAL", releasableTo = OnlyGbr }))).Id();
        var pol = await app.CreateUserAsync("Delegate", "POL", ClassificationLevels.Restricted);
        using var polClient = await app.ClientAsync(pol);

        var response = await polClient.GetPathAsync($"/api/v1/pledges/{hidden}");
        var unknown = await polClient.GetPathAsync($"/api/v1/pledges/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var entries = await DeniedAsync(e => e.ActorUserId == pol.Id);
        var entry = Assert.Single(entries, e => e.Details!.Contains(hidden, StringComparison.Ordinal));
        Assert.Equal(pol.UserName, entry.ActorName);
        Assert.Equal("POL", entry.ActorMember);
        using var details = JsonDocument.Parse(entry.Details!);
        Assert.Equal($"/api/v1/pledges/{hidden}", details.RootElement.GetProperty("path").GetString());
        Assert.Equal("GET", details.RootElement.GetProperty("method").GetString());
        Assert.Equal(404, details.RootElement.GetProperty("status").GetInt32());
        Assert.Contains("Delegate", details.RootElement.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        // An id that exists for nobody is audited the same way: the entry cannot tell the two apart either.
        Assert.Equal(2, entries.Count);
    }

    [Fact]
    public async Task An_anonymous_call_to_a_protected_endpoint_or_page_is_audited_and_an_unknown_route_is_not()
    {
        using var anonymous = app.Anonymous();
        var marker = Guid.NewGuid().ToString("N");

        var api = await anonymous.GetPathAsync($"/api/v1/users/{marker[..8]}-0000-0000-0000-000000000000");
        var page = await anonymous.GetPathAsync("/audit");
        var nowhere = await anonymous.GetPathAsync($"/api/v1/no-such-thing-{marker}");

        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, nowhere.StatusCode);
        var entries = await DeniedAsync(e => e.ActorUserId == null && e.ActorName == "anonymous");
        var refused = Assert.Single(entries, e => e.Details!.Contains(marker[..8], StringComparison.Ordinal));
        using (var details = JsonDocument.Parse(refused.Details!))
        {
            Assert.Equal(401, details.RootElement.GetProperty("status").GetInt32());
            Assert.Equal("/api/v1/users/{id:guid}", details.RootElement.GetProperty("route").GetString());
            Assert.Equal("unauthenticated", details.RootElement.GetProperty("reason").GetString());
        }

        Assert.Contains(entries, e => e.Details!.Contains("\"path\":\"/audit\"", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.Details!.Contains("no-such-thing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_label_naming_an_unknown_member_is_refused_with_its_reason_audited_and_nothing_stored()
    {
        var user = await app.CreateUserAsync("Delegate", "GBR", ClassificationLevels.Confidential);
        using var gbr = await app.ClientAsync(user);
        var measure = "Probe " + Guid.NewGuid().ToString("N");

        var response = await gbr.PostJsonAsync("/api/v1/pledges", LedgerTestKit.Pledge("GBR", new { classification = "RESTRICTED", releasableTo = GbrAndUnknown },
            new Dictionary<string, object?> { ["measure"] = measure }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("/problems/label.releasable-to-unknown", problem.RootElement.GetProperty("type").GetString());
        var entry = Assert.Single(await DeniedAsync(e => e.ActorUserId == user.Id));
        using var details = JsonDocument.Parse(entry.Details!);
        Assert.Equal("refused: label.releasable-to-unknown", details.RootElement.GetProperty("reason").GetString());
        Assert.False(await app.DbAsync(db => db.Pledges.IgnoreQueryFilters().AnyAsync(p => p.Measure == measure)));
    }

    private Task<List<AuditEntry>> DeniedAsync(System.Linq.Expressions.Expression<Func<AuditEntry, bool>> who) =>
        app.DbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditActions.AccessDenied).Where(who).ToListAsync());
}

public sealed class DeniedAccessAuditTestsOnSqlite(SqliteApp app) : DeniedAccessAuditTests<SqliteApp>(app);

public sealed class DeniedAccessAuditTestsOnPostgres(PostgresApp app) : DeniedAccessAuditTests<PostgresApp>(app);
