using System.Net;
using Entente.Infrastructure.Labels;
using Entente.Testing;
using Entente.Tests.Registry;
using Microsoft.EntityFrameworkCore;

namespace Entente.Tests.Forces;

public abstract class RequirementsApiTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    private static readonly object ConfidentialForGbr = new { classification = "CONFIDENTIAL", releasableTo = new[] { "GBR" } };

    [Fact]
    public async Task The_secretariat_adds_revises_and_withdraws_a_line_and_every_version_says_who_when_why_and_what_changed()
    {
        using var secretariat = await app.SecretariatAsync();
        var created = await secretariat.AddLineAsync(RequirementTestKit.Line(minimum: 2, desired: 3));
        var id = created.Id();
        Assert.Matches("^R-[0-9]{3,}$", created.Str("code"));
        Assert.Equal("land", created.Str("component"));
        Assert.Equal("active", created.Str("status"));
        Assert.Equal(1, created.GetProperty("version").GetInt32());
        Assert.Equal(["deterrence", "patrolling"], created.GetProperty("tasks").EnumerateArray().Select(t => t.GetString()));

        var revised = await (await secretariat.PutJsonAsync($"/api/v1/requirements/{id}", RequirementTestKit.With(RequirementTestKit.Line(minimum: 3, desired: 4, priority: "critical"),
            ("reason", "The force plan now asks for a third battalion around Kyiv."), ("expectedVersion", 1))))
            .JsonAsync(HttpStatusCode.OK);
        Assert.Equal(3, revised.GetProperty("minimumQuantity").GetInt32());
        Assert.Equal("critical", revised.Str("priority"));
        Assert.Equal(2, revised.GetProperty("version").GetInt32());
        Assert.Equal(created.Str("code"), revised.Str("code"));

        var withdrawn = await (await secretariat.PostJsonAsync($"/api/v1/requirements/{id}/withdraw", new { reason = "Covered by the national contingent.", expectedVersion = 2 }))
            .JsonAsync(HttpStatusCode.OK);
        Assert.Equal("withdrawn", withdrawn.Str("status"));
        Assert.Equal("Covered by the national contingent.", withdrawn.Str("withdrawalReason"));

        var versions = (await (await secretariat.GetPathAsync($"/api/v1/requirements/{id}/versions")).JsonAsync(HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.Equal(["withdrawn", "revised", "created"], versions.Select(v => v.Str("change")));
        var revision = versions[1];
        Assert.Equal("The force plan now asks for a third battalion around Kyiv.", revision.Str("reason"));
        Assert.Equal("CSEC", revision.Str("byMember"));
        var changes = revision.GetProperty("changes").EnumerateArray().Select(c => c.GetString()).ToList();
        Assert.Contains("minimum quantity: 2 → 3", changes);
        Assert.Contains("desired quantity: 3 → 4", changes);
        Assert.Contains("priority: High → Critical", changes);

        // The first version still holds the line as it was created.
        var first = versions[2].GetProperty("line");
        Assert.Equal(2, first.GetProperty("minimumQuantity").GetInt32());
        Assert.Equal("high", first.Str("priority"));

        // A withdrawn line stays on record and cannot change again.
        await (await secretariat.PutJsonAsync($"/api/v1/requirements/{id}", RequirementTestKit.With(RequirementTestKit.Line(), ("reason", "Back"), ("expectedVersion", 3))))
            .ProblemAsync(HttpStatusCode.Conflict, "/problems/forces.requirement-withdrawn");
        await (await secretariat.PostJsonAsync($"/api/v1/requirements/{id}/withdraw", new { reason = "Twice" }))
            .ProblemAsync(HttpStatusCode.Conflict, "/problems/forces.requirement-withdrawn");
        var active = await (await secretariat.GetPathAsync("/api/v1/requirements?pageSize=200")).JsonAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(active.GetProperty("items").EnumerateArray(), l => l.Id() == id);
        var all = await (await secretariat.GetPathAsync("/api/v1/requirements?status=withdrawn&pageSize=200")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(all.GetProperty("items").EnumerateArray(), l => l.Id() == id);
    }

    [Fact]
    public async Task A_revision_made_from_a_stale_version_is_refused_with_409_and_changes_nothing()
    {
        using var secretariat = await app.SecretariatAsync();
        var id = (await secretariat.AddLineAsync(RequirementTestKit.Line(capability: "engineering", sector: "CENTRE", tasks: ["reconstruction"]))).Id();
        await (await secretariat.PutJsonAsync($"/api/v1/requirements/{id}", RequirementTestKit.With(
                RequirementTestKit.Line(capability: "engineering", sector: "CENTRE", tasks: ["reconstruction"], desired: 5),
                ("reason", "Bridges on the Dnipro need more engineers."), ("expectedVersion", 1))))
            .JsonAsync(HttpStatusCode.OK);

        var stale = await (await secretariat.PutJsonAsync($"/api/v1/requirements/{id}", RequirementTestKit.With(
                RequirementTestKit.Line(capability: "engineering", sector: "CENTRE", tasks: ["reconstruction"], desired: 9),
                ("reason", "Made from the first version."), ("expectedVersion", 1))))
            .ProblemAsync(HttpStatusCode.Conflict, "/problems/forces.requirement-version-conflict");
        Assert.Contains("version 2", stale.Str("detail"), StringComparison.Ordinal);

        var line = await (await secretariat.GetPathAsync($"/api/v1/requirements/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(5, line.GetProperty("desiredQuantity").GetInt32());
        Assert.Equal(2, line.GetProperty("version").GetInt32());

        // A revision that changes nothing is refused rather than filling the history with empty versions.
        await (await secretariat.PutJsonAsync($"/api/v1/requirements/{id}", RequirementTestKit.With(
                RequirementTestKit.Line(capability: "engineering", sector: "CENTRE", tasks: ["reconstruction"], desired: 5),
                ("reason", "Nothing new."), ("expectedVersion", 2))))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "/problems/forces.requirement-unchanged");
    }

    [Fact]
    public async Task Bad_input_gets_a_clear_problem_and_stores_nothing()
    {
        using var secretariat = await app.SecretariatAsync();
        var id = (await secretariat.AddLineAsync(RequirementTestKit.Line(capability: "medical", sector: "ODESA", tasks: ["medical"]))).Id();
        var lines = await app.DbAsync(db => db.RequirementLines.IgnoreQueryFilters().CountAsync(TestContext.Current.CancellationToken));
        var versions = await app.DbAsync(db => db.RequirementVersions.IgnoreQueryFilters().CountAsync(TestContext.Current.CancellationToken));

        async Task RefusedAsync(object body, string type, string? words = null)
        {
            var problem = await (await secretariat.PostJsonAsync("/api/v1/requirements", body)).ProblemAsync(HttpStatusCode.BadRequest, type);
            if (words is not null)
            {
                Assert.Contains(words, problem.Str("detail"), StringComparison.Ordinal);
            }
        }

        await RefusedAsync(RequirementTestKit.Line(minimum: 0, desired: 2), "/problems/forces.quantity-out-of-range", "quantity of 0");
        await RefusedAsync(RequirementTestKit.Line(minimum: 3, desired: 2), "/problems/forces.desired-below-minimum", "cannot be below the minimum");
        await RefusedAsync(RequirementTestKit.Line(startsOn: "2027-05-01", endsOn: "2027-04-30"), "/problems/forces.period-inverted", "not after its start");
        await RefusedAsync(RequirementTestKit.Line(startsOn: "2027-05-01", endsOn: "2027-05-01"), "/problems/forces.period-inverted");
        await RefusedAsync(RequirementTestKit.Line(sector: "CRIMEA-NORTH"), "/problems/forces.unknown-sector", "THEATRE");
        await RefusedAsync(RequirementTestKit.Line(capability: "mineCountermeasures", sector: "ODESA", tasks: ["demining"]), "/problems/forces.sector-mismatch", "maritime sector");
        await RefusedAsync(RequirementTestKit.Line(capability: "mechanisedInfantry", sector: "BLACKSEA"), "/problems/forces.sector-mismatch", "land sector");
        await RefusedAsync(RequirementTestKit.Line(tasks: []), "/problems/forces.requirement-without-tasks");
        await RefusedAsync(RequirementTestKit.Line(sector: "WEST", tasks: ["patrollingNearLine"]), "/problems/forces.near-line-task-away-from-line");
        await RefusedAsync(RequirementTestKit.Line(notice: 0), "/problems/forces.notice-to-move-out-of-range");
        await RefusedAsync(RequirementTestKit.Line(unitType: "   "), "/problems/validation");
        await RefusedAsync(RequirementTestKit.Line(label: new { classification = "ULTRA" }), "/problems/label.classification-unknown");
        await (await secretariat.PostJsonAsync("/api/v1/requirements", RequirementTestKit.Line(capability: "cavalry")))
            .ProblemAsync(HttpStatusCode.BadRequest, "/problems/malformed-request");

        // A revision without a reason, or breaking a rule, changes nothing either.
        await (await secretariat.PutJsonAsync($"/api/v1/requirements/{id}", RequirementTestKit.With(
                RequirementTestKit.Line(capability: "medical", sector: "ODESA", tasks: ["medical"], desired: 4), ("reason", " "), ("expectedVersion", 1))))
            .ProblemAsync(HttpStatusCode.BadRequest, "/problems/validation");
        await (await secretariat.PutJsonAsync($"/api/v1/requirements/{id}", RequirementTestKit.With(
                RequirementTestKit.Line(capability: "medical", sector: "ODESA", tasks: ["medical"], minimum: 5, desired: 4), ("reason", "More beds"), ("expectedVersion", 1))))
            .ProblemAsync(HttpStatusCode.BadRequest, "/problems/forces.desired-below-minimum");
        await (await secretariat.PutJsonAsync($"/api/v1/requirements/{Guid.NewGuid()}", RequirementTestKit.With(RequirementTestKit.Line(), ("reason", "Unknown line"), ("expectedVersion", 1))))
            .ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        await (await secretariat.PostJsonAsync($"/api/v1/requirements/{id}/withdraw", new { reason = "" }))
            .ProblemAsync(HttpStatusCode.BadRequest, "/problems/validation");

        Assert.Equal(lines, await app.DbAsync(db => db.RequirementLines.IgnoreQueryFilters().CountAsync(TestContext.Current.CancellationToken)));
        Assert.Equal(versions, await app.DbAsync(db => db.RequirementVersions.IgnoreQueryFilters().CountAsync(TestContext.Current.CancellationToken)));
        var line = await (await secretariat.GetPathAsync($"/api/v1/requirements/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, line.GetProperty("version").GetInt32());
        Assert.Equal("active", line.Str("status"));
    }

    [Fact]
    public async Task A_delegate_reads_the_statement_but_cannot_add_revise_or_withdraw_a_line()
    {
        using var secretariat = await app.SecretariatAsync();
        var id = (await secretariat.AddLineAsync(RequirementTestKit.Line(capability: "training", sector: "WEST", tasks: ["training"]))).Id();
        using var fra = await app.DelegateAsync("FRA", ClassificationLevels.Restricted);

        await (await fra.PostJsonAsync("/api/v1/requirements", RequirementTestKit.Line())).ProblemAsync(HttpStatusCode.Forbidden, "/problems/forbidden");
        await (await fra.PutJsonAsync($"/api/v1/requirements/{id}", RequirementTestKit.With(RequirementTestKit.Line(capability: "training", sector: "WEST", tasks: ["training"], desired: 6),
            ("reason", "We would like more trainers."), ("expectedVersion", 1)))).ProblemAsync(HttpStatusCode.Forbidden, "/problems/forbidden");
        await (await fra.PostJsonAsync($"/api/v1/requirements/{id}/withdraw", new { reason = "Not needed" })).ProblemAsync(HttpStatusCode.Forbidden, "/problems/forbidden");

        var line = await (await fra.GetPathAsync($"/api/v1/requirements/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, line.GetProperty("version").GetInt32());
        Assert.Equal("West", line.Str("sectorName"));
    }

    [Fact]
    public async Task A_member_without_release_cannot_see_count_or_export_a_confidential_line()
    {
        using var secretariat = await app.SecretariatAsync();
        var open = await secretariat.AddLineAsync(RequirementTestKit.Line(capability: "cyber", sector: "THEATRE", tasks: ["surveillance"], unitType: "cyber defence team"));
        var hidden = await secretariat.AddLineAsync(RequirementTestKit.Line(capability: "cyber", sector: "THEATRE", tasks: ["surveillance"], unitType: "offensive cyber cell",
            label: ConfidentialForGbr));
        var hiddenId = hidden.Id();

        using var pol = await app.DelegateAsync("POL", ClassificationLevels.Secret);
        await (await pol.GetPathAsync($"/api/v1/requirements/{hiddenId}")).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        await (await pol.GetPathAsync($"/api/v1/requirements/{hiddenId}/versions")).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        var list = await (await pol.GetPathAsync("/api/v1/requirements?capability=cyber")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        Assert.Equal(open.Id(), list.GetProperty("items")[0].Id());
        var export = await (await pol.GetPathAsync("/api/v1/requirements/export?capability=cyber")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("cyber defence team", export, StringComparison.Ordinal);
        Assert.DoesNotContain("offensive cyber cell", export, StringComparison.Ordinal);
        Assert.DoesNotContain(hidden.Str("code"), export, StringComparison.Ordinal);

        // Whoever the line is released to sees it everywhere, and the export's banner is the line's label.
        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        await (await gbr.GetPathAsync($"/api/v1/requirements/{hiddenId}")).JsonAsync(HttpStatusCode.OK);
        var gbrList = await (await gbr.GetPathAsync("/api/v1/requirements?capability=cyber")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, gbrList.GetProperty("total").GetInt32());
        var gbrExport = await gbr.GetPathAsync("/api/v1/requirements/export?capability=cyber");
        Assert.Equal(HttpStatusCode.OK, gbrExport.StatusCode);
        Assert.Equal("text/csv", gbrExport.Content.Headers.ContentType?.MediaType);
        var csv = (await gbrExport.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).TrimStart('\uFEFF').Split("\r\n");
        Assert.Equal("CONFIDENTIAL · REL TO CSEC, GBR · TLP:AMBER", csv[0].Trim('"'));
        Assert.StartsWith("code,status,component,capability", csv[1], StringComparison.Ordinal);
        Assert.Contains(csv, row => row.Contains("offensive cyber cell", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_list_filters_by_component_capability_priority_sector_and_status_and_refuses_unknown_filters()
    {
        using var secretariat = await app.SecretariatAsync();
        var air = await secretariat.AddLineAsync(RequirementTestKit.Line(capability: "airPolicing", sector: "WEST", tasks: ["airPolicing"], priority: "critical",
            unitType: "air policing detachment (4 fighters)"));
        var sea = await secretariat.AddLineAsync(RequirementTestKit.Line(capability: "mineCountermeasures", sector: "BLACKSEA", tasks: ["demining", "maritimeEscort"],
            priority: "medium", unitType: "mine countermeasures task group"));
        var isrAtSea = await secretariat.AddLineAsync(RequirementTestKit.Line(capability: "isr", sector: "BLACKSEA", tasks: ["surveillance"], priority: "low",
            unitType: "maritime patrol aircraft"));

        async Task<List<Guid>> IdsAsync(string query) =>
            [.. (await (await secretariat.GetPathAsync("/api/v1/requirements?pageSize=200&" + query)).JsonAsync(HttpStatusCode.OK))
                .GetProperty("items").EnumerateArray().Select(l => l.Id())];

        Assert.Contains(air.Id(), await IdsAsync("component=air"));
        Assert.DoesNotContain(sea.Id(), await IdsAsync("component=air"));
        Assert.Equal([sea.Id()], await IdsAsync("capability=mineCountermeasures"));
        Assert.Equal([sea.Id(), isrAtSea.Id()], await IdsAsync("sector=blacksea"));
        Assert.Equal([isrAtSea.Id()], await IdsAsync("sector=BLACKSEA&priority=low"));
        Assert.Equal("maritime", sea.Str("component"));

        await (await secretariat.GetPathAsync("/api/v1/requirements?component=space")).ProblemAsync(HttpStatusCode.BadRequest, "/problems/validation");
        await (await secretariat.GetPathAsync("/api/v1/requirements?priority=urgent")).ProblemAsync(HttpStatusCode.BadRequest, "/problems/validation");
        await (await secretariat.GetPathAsync("/api/v1/requirements?status=paused")).ProblemAsync(HttpStatusCode.BadRequest, "/problems/validation");
        await (await secretariat.GetPathAsync("/api/v1/requirements?sector=MARS")).ProblemAsync(HttpStatusCode.BadRequest, "/problems/forces.unknown-sector");
    }

    [Fact]
    public async Task Codes_follow_the_order_lines_were_added_in_and_the_sector_catalogue_is_listed()
    {
        using var secretariat = await app.SecretariatAsync();
        var first = await secretariat.AddLineAsync(RequirementTestKit.Line(capability: "logistics", sector: "WEST", tasks: ["logistics"]));
        var second = await secretariat.AddLineAsync(RequirementTestKit.Line(capability: "logistics", sector: "ODESA", tasks: ["logistics"]));
        var a = int.Parse(first.Str("code")[2..], System.Globalization.CultureInfo.InvariantCulture);
        var b = int.Parse(second.Str("code")[2..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(b > a, $"{second.Str("code")} should come after {first.Str("code")}");

        using var fra = await app.DelegateAsync("FRA", ClassificationLevels.Restricted);
        var sectors = (await (await fra.GetPathAsync("/api/v1/force-sectors")).JsonAsync(HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.Contains(sectors, s => s.Str("code") == "THEATRE");
        var blackSea = Assert.Single(sectors, s => s.Str("code") == "BLACKSEA");
        Assert.True(blackSea.GetProperty("maritime").GetBoolean());
        Assert.True(Assert.Single(sectors, s => s.Str("code") == "EAST").GetProperty("nearLine").GetBoolean());
    }

    [Fact]
    public async Task A_confidential_line_and_its_versions_are_audited_under_the_lines_label()
    {
        using var secretariat = await app.SecretariatAsync();
        var id = (await secretariat.AddLineAsync(RequirementTestKit.Line(capability: "specialOperations", sector: "THEATRE", tasks: ["surveillance"], label: ConfidentialForGbr))).Id();
        await (await secretariat.PostJsonAsync($"/api/v1/requirements/{id}/withdraw", new { reason = "Handled bilaterally." })).JsonAsync(HttpStatusCode.OK);

        var labels = await app.DbAsync(db => db.AuditEntries.Where(e => e.EntityType != null && e.EntityType.StartsWith("forces_requirement")).OrderByDescending(e => e.Sequence).Take(4)
            .Select(e => e.Label.ReleasableTo).ToListAsync(TestContext.Current.CancellationToken));
        Assert.NotEmpty(labels);
        Assert.All(labels, l => Assert.Equal("|GBR|", l));
        Assert.Equal(0, (await app.RunCliAsync("audit", "verify")).ExitCode);
    }
}

public sealed class RequirementsApiTestsOnSqlite(SqliteApp app) : RequirementsApiTests<SqliteApp>(app);

public sealed class RequirementsApiTestsOnPostgres(PostgresApp app) : RequirementsApiTests<PostgresApp>(app);
