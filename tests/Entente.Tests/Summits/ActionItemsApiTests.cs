using System.Net;
using Entente.Infrastructure.Labels;
using Entente.Testing;
using Entente.Tests.Registry;
using Microsoft.EntityFrameworkCore;

namespace Entente.Tests.Summits;

public abstract class ActionItemsApiTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    private static readonly object ConfidentialForGbr = new { classification = "CONFIDENTIAL", releasableTo = new[] { "GBR" } };

    [Fact]
    public async Task A_delegate_records_moves_and_closes_its_members_action_and_the_history_says_who_when_and_why()
    {
        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Restricted);
        var decision = Guid.NewGuid();
        var created = await gbr.CreateAsync(ActionTestKit.Action("GBR", decision: decision));
        var id = created.Id();
        Assert.Equal("open", created.Str("status"));
        Assert.Equal("decision", created.GetProperty("origin").Str("kind"));
        Assert.Equal(decision, created.GetProperty("origin").GetProperty("id").GetGuid());
        Assert.Equal("GBR", created.GetProperty("owner").Str("member"));
        Assert.Equal(1, created.GetProperty("version").GetInt32());

        var updated = await (await gbr.PutJsonAsync($"/api/v1/actions/{id}", new
        {
            title = "Report air-defence deliveries by system",
            ownerName = "Defence attaché",
            dueOn = ActionTestKit.Iso(ActionTestKit.Today.AddDays(20)),
            expectedVersion = 1,
        })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Report air-defence deliveries by system", updated.Str("title"));
        Assert.Equal("Defence attaché", updated.GetProperty("owner").Str("name"));
        Assert.Equal(2, updated.GetProperty("version").GetInt32());

        // A change against the version read before is refused, not silently merged.
        await (await gbr.PutJsonAsync($"/api/v1/actions/{id}", new { title = "Stale", dueOn = ActionTestKit.Iso(ActionTestKit.Today.AddDays(5)), expectedVersion = 1 }))
            .ProblemAsync(HttpStatusCode.Conflict, "/problems/summits.action-version-conflict");

        await (await gbr.PostJsonAsync($"/api/v1/actions/{id}/status", new { status = "inProgress" })).JsonAsync(HttpStatusCode.OK);
        await (await gbr.PostJsonAsync($"/api/v1/actions/{id}/notes", new { text = "Figures for January and February collected." })).JsonAsync(HttpStatusCode.Created);
        var done = await (await gbr.PostJsonAsync($"/api/v1/actions/{id}/status", new { status = "done", reason = "Sent to the Secretariat." })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("done", done.Str("status"));

        await (await gbr.PostJsonAsync($"/api/v1/actions/{id}/status", new { status = "cancelled", reason = "Twice" }))
            .ProblemAsync(HttpStatusCode.Conflict, "/problems/summits.action-closed");

        var detail = await (await gbr.GetPathAsync($"/api/v1/actions/{id}")).JsonAsync(HttpStatusCode.OK);
        var history = detail.GetProperty("statusHistory").EnumerateArray().ToList();
        Assert.Equal(["open", "inProgress", "done"], history.Select(h => h.Str("to")));
        Assert.Equal("Sent to the Secretariat.", history[2].Str("reason"));
        Assert.All(history, h => Assert.Equal("GBR", h.Str("byMember")));
        var note = Assert.Single(detail.GetProperty("notes").EnumerateArray());
        Assert.Equal("Figures for January and February collected.", note.Str("text"));
        Assert.Equal(5, detail.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Bad_input_gets_a_clear_problem_and_stores_nothing()
    {
        using var secretariat = await app.SecretariatAsync();
        var before = await app.DbAsync(db => db.ActionItems.CountAsync(TestContext.Current.CancellationToken));

        var past = await (await secretariat.PostJsonAsync("/api/v1/actions", ActionTestKit.Action("FRA", ActionTestKit.Today.AddDays(-1))))
            .ProblemAsync(HttpStatusCode.BadRequest, "/problems/summits.action-due-in-past");
        Assert.Contains("cannot be in the past", past.Str("detail"), StringComparison.Ordinal);
        await (await secretariat.PostJsonAsync("/api/v1/actions", ActionTestKit.Action("ZZZ")))
            .ProblemAsync(HttpStatusCode.BadRequest, "/problems/summits.action-unknown-member");
        await (await secretariat.PostJsonAsync("/api/v1/actions", ActionTestKit.Action("FRA", title: "   ")))
            .ProblemAsync(HttpStatusCode.BadRequest, "/problems/validation");
        await (await secretariat.PostJsonAsync("/api/v1/actions", new
            {
                title = "Follow up the meeting",
                owner = new { member = "FRA" },
                dueOn = ActionTestKit.Iso(ActionTestKit.Today),
                origin = new { kind = "meeting" },
                label = RegistryTestClient.PublicLabel,
            }))
            .ProblemAsync(HttpStatusCode.BadRequest, "/problems/validation");

        var after = await app.DbAsync(db => db.ActionItems.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task A_delegate_cannot_create_for_another_member_nor_add_a_note_to_its_item()
    {
        using var secretariat = await app.SecretariatAsync();
        using var pol = await app.DelegateAsync("POL", ClassificationLevels.Restricted);
        var fra = (await secretariat.CreateAsync(ActionTestKit.Action("FRA"))).Id();

        await (await pol.PostJsonAsync("/api/v1/actions", ActionTestKit.Action("FRA")))
            .ProblemAsync(HttpStatusCode.Forbidden, "/problems/summits.action-not-your-member");
        await (await pol.PostJsonAsync($"/api/v1/actions/{fra}/notes", new { text = "We will do it for them." }))
            .ProblemAsync(HttpStatusCode.Forbidden, "/problems/summits.action-not-your-member");
        await (await pol.PostJsonAsync($"/api/v1/actions/{fra}/status", new { status = "done" }))
            .ProblemAsync(HttpStatusCode.Forbidden, "/problems/summits.action-not-your-member");

        // The Secretariat may note progress on any member's item.
        await (await secretariat.PostJsonAsync($"/api/v1/actions/{fra}/notes", new { text = "Reminded the French delegation." })).JsonAsync(HttpStatusCode.Created);
        var detail = await (await pol.GetPathAsync($"/api/v1/actions/{fra}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Reminded the French delegation.", Assert.Single(detail.GetProperty("notes").EnumerateArray()).Str("text"));
    }

    [Fact]
    public async Task The_dashboard_counts_what_each_member_owes_and_a_delegate_sees_its_own_member_first()
    {
        using var secretariat = await app.SecretariatAsync();
        var first = await secretariat.RegisterOrganisationAsync();
        var second = await secretariat.RegisterOrganisationAsync();
        await secretariat.CreateAsync(ActionTestKit.Action(first, ActionTestKit.Today.AddDays(3)));
        await secretariat.CreateAsync(ActionTestKit.Action(first, ActionTestKit.Today.AddDays(30)));
        var done = (await secretariat.CreateAsync(ActionTestKit.Action(first, ActionTestKit.Today.AddDays(5)))).Id();
        await (await secretariat.PostJsonAsync($"/api/v1/actions/{done}/status", new { status = "done" })).JsonAsync(HttpStatusCode.OK);
        await secretariat.CreateAsync(ActionTestKit.Action(second, ActionTestKit.Today.AddDays(1)));

        using var own = await app.DelegateAsync(second, ClassificationLevels.Restricted);
        var board = await (await own.GetPathAsync("/api/v1/actions/dashboard")).JsonAsync(HttpStatusCode.OK);
        var rows = board.GetProperty("members").EnumerateArray().ToDictionary(m => m.Str("member"));
        Assert.Equal(2, rows[first].GetProperty("open").GetInt32());
        Assert.Equal(1, rows[first].GetProperty("dueSoon").GetInt32());
        Assert.Equal(1, rows[first].GetProperty("done").GetInt32());
        Assert.Equal(0, rows[first].GetProperty("overdue").GetInt32());
        Assert.Equal(1, rows[second].GetProperty("open").GetInt32());
        Assert.Equal(second, board.Str("ownMember"));
        Assert.Equal(1, board.GetProperty("own").GetProperty("dueSoon").GetInt32());

        var filtered = await (await own.GetPathAsync($"/api/v1/actions/dashboard?member={first}&status=open")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, filtered.GetProperty("totals").GetProperty("open").GetInt32());
        Assert.Equal(0, filtered.GetProperty("totals").GetProperty("done").GetInt32());

        var list = await (await own.GetPathAsync($"/api/v1/actions?member={first}&dueTo={ActionTestKit.Iso(ActionTestKit.Today.AddDays(7))}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, list.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_member_without_release_cannot_see_count_or_export_a_restricted_action_item()
    {
        using var secretariat = await app.SecretariatAsync();
        var owner = await secretariat.RegisterOrganisationAsync();
        var open = (await secretariat.CreateAsync(ActionTestKit.Action(owner, title: "Open action"))).Id();
        var hidden = (await secretariat.CreateAsync(ActionTestKit.Action(owner, title: "Hidden action",
            label: ConfidentialForGbr))).Id();

        using var pol = await app.DelegateAsync("POL", ClassificationLevels.Secret);
        await (await pol.GetPathAsync($"/api/v1/actions/{hidden}")).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        await (await pol.PostJsonAsync($"/api/v1/actions/{hidden}/notes", new { text = "Seen?" })).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        var list = await (await pol.GetPathAsync($"/api/v1/actions?member={owner}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        Assert.Equal(open, list.GetProperty("items")[0].Id());
        var board = await (await pol.GetPathAsync($"/api/v1/actions/dashboard?member={owner}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, board.GetProperty("totals").GetProperty("open").GetInt32());
        var export = await (await pol.GetPathAsync($"/api/v1/actions/export?member={owner}")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("Open action", export, StringComparison.Ordinal);
        Assert.DoesNotContain("Hidden action", export, StringComparison.Ordinal);

        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        await (await gbr.GetPathAsync($"/api/v1/actions/{hidden}")).JsonAsync(HttpStatusCode.OK);
        var gbrBoard = await (await gbr.GetPathAsync($"/api/v1/actions/dashboard?member={owner}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, gbrBoard.GetProperty("totals").GetProperty("open").GetInt32());
    }

    [Fact]
    public async Task An_action_and_its_notes_are_audited_under_the_actions_label_and_an_unknown_filter_is_refused()
    {
        using var secretariat = await app.SecretariatAsync();
        var hidden = (await secretariat.CreateAsync(ActionTestKit.Action("FRA", label: ConfidentialForGbr))).Id();
        await (await secretariat.PostJsonAsync($"/api/v1/actions/{hidden}/notes", new { text = "Chased by telephone." })).JsonAsync(HttpStatusCode.Created);

        var labels = await app.DbAsync(db => db.AuditEntries.Where(e => e.EntityType != null && e.EntityType.StartsWith("summits_action")).OrderByDescending(e => e.Sequence).Take(4)
            .Select(e => e.Label.ReleasableTo).ToListAsync(TestContext.Current.CancellationToken));
        Assert.NotEmpty(labels);
        Assert.All(labels, l => Assert.Equal("|GBR|", l));
        Assert.Equal(0, (await app.RunCliAsync("audit", "verify")).ExitCode);

        await (await secretariat.GetPathAsync("/api/v1/actions?status=finished")).ProblemAsync(HttpStatusCode.BadRequest, "/problems/validation");
    }
}

public sealed class ActionItemsApiTestsOnSqlite(SqliteApp app) : ActionItemsApiTests<SqliteApp>(app);

public sealed class ActionItemsApiTestsOnPostgres(PostgresApp app) : ActionItemsApiTests<PostgresApp>(app);
