using System.Net;
using Entente.Infrastructure.Labels;
using Entente.Modules.Forces.Domain.Generation;
using Entente.Testing;
using Entente.Tests.Registry;
using Microsoft.EntityFrameworkCore;

namespace Entente.Tests.Forces;

/// <summary>The force-generation pages (runs, comparison, scenarios) and a run's readiness over time, driven without script.</summary>
public abstract class GenerationPagesTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    private static readonly object Restricted = new { classification = "RESTRICTED" };
    private static readonly string[] West = ["WEST"];
    private static readonly string[] GbrOnly = ["GBR"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> HtmlAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}");
        return html;
    }

    private static async Task<Guid> AddScenarioAsync(HttpClient secretariat, string name, bool usBackstop = true) =>
        (await (await secretariat.PostJsonAsync("/api/v1/force-generation/scenarios", new Dictionary<string, object?>
        {
            ["name"] = name,
            ["ceasefireInForce"] = true,
            ["usBackstop"] = usBackstop,
            ["unMandate"] = true,
        })).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();

    private static Dictionary<string, object?> OfferOf(string member, string capability, int quantity, object[] conditions, Dictionary<string, object?>? caveats = null, object? label = null) =>
        OfferTestKit.Offer(member, o =>
        {
            o["capability"] = capability;
            o["unitType"] = $"{member} {capability} company";
            o["quantity"] = quantity;
            o["caveats"] = caveats ?? new Dictionary<string, object?>();
            o["conditions"] = conditions;
            o["label"] = label ?? Restricted;
        });

    private static object Line(string capability, int minimum, int desired) =>
        RequirementTestKit.Line(capability: capability, minimum: minimum, desired: desired, readiness: "assessed");

    private static async Task<List<string>> RunAsync(HttpClient client, object body) =>
        (await (await client.PostJsonAsync("/api/v1/force-generation/runs", body)).JsonAsync(HttpStatusCode.Created))
            .GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("run").Str("id")).ToList();

    [Fact]
    public async Task The_run_page_shows_the_status_the_coverage_chart_the_offers_assigned_and_the_gaps_in_words()
    {
        using var secretariat = await app.SecretariatAsync();
        var line = (await secretariat.AddLineAsync(Line("lightInfantry", 1, 3))).Id();
        await secretariat.RecordAsync(OfferOf("GBR", "lightInfantry", 1, [new { kind = "usBackstop" }]));
        await secretariat.RecordAsync(OfferOf("POL", "lightInfantry", 1, []));
        await secretariat.RecordAsync(OfferOf("DEU", "lightInfantry", 2, [], new Dictionary<string, object?> { ["allowedSectors"] = West }));
        var scenario = await AddScenarioAsync(secretariat, "Page baseline");
        var id = (await RunAsync(secretariat, new { scenarioId = scenario, timeLimitSeconds = 5, lineIds = new[] { line } }))[0];

        var page = await HtmlAsync(await secretariat.GetPathAsync($"/forces/generation/runs/{id}"), HttpStatusCode.OK);
        Assert.Contains("Force generation under “Page baseline”", page, StringComparison.Ordinal);
        Assert.Contains("Optimal: proven that no assignment covers the requirement better.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("not proven optimal", page, StringComparison.Ordinal);
        Assert.Contains("100% of the solver's", page, StringComparison.Ordinal);
        Assert.Contains("data-chart=\"bar\"", page, StringComparison.Ordinal);
        Assert.Contains("1 of 1 / 2 of 3", page, StringComparison.Ordinal);
        Assert.Contains("GBR lightInfantry company", page, StringComparison.Ordinal);
        Assert.Contains("POL lightInfantry company", page, StringComparison.Ordinal);
        Assert.Contains("lacks 1 unit (its minimum is met)", page, StringComparison.Ordinal);
        Assert.Contains("Geographic caveat", page, StringComparison.Ordinal);
        Assert.Contains("DEU's offer", page, StringComparison.Ordinal);
        Assert.Contains("restricted to sectors WEST", page, StringComparison.Ordinal);
        Assert.Contains($"/api/v1/force-generation/runs/{id}/export", page, StringComparison.Ordinal);
        Assert.Contains("Readiness over the coming 12 months", page, StringComparison.Ordinal);

        var list = await HtmlAsync(await secretariat.GetPathAsync("/forces/generation"), HttpStatusCode.OK);
        Assert.Contains($"/forces/generation/runs/{id}", list, StringComparison.Ordinal);
        Assert.Contains($"name=\"runs\" value=\"{id}\"", list, StringComparison.Ordinal);
        var home = await HtmlAsync(await secretariat.GetPathAsync("/forces"), HttpStatusCode.OK);
        Assert.Contains("href=\"/forces/generation\"", home, StringComparison.Ordinal);
        Assert.Contains("href=\"/forces/scenarios\"", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_stopped_by_its_time_limit_says_on_its_page_that_it_is_the_best_found_so_far_with_objective_and_bound()
    {
        using var secretariat = await app.SecretariatAsync();
        var line = (await secretariat.AddLineAsync(Line("engineering", 1, 2))).Id();
        await secretariat.RecordAsync(OfferOf("POL", "engineering", 1, []));
        var scenario = await AddScenarioAsync(secretariat, "Time limited");
        var id = Guid.Parse((await RunAsync(secretariat, new { scenarioId = scenario, timeLimitSeconds = 2, lineIds = new[] { line } }))[0]);
        // A run this small is always proven; the stored outcome of a run the limit stopped is what the page reads.
        await app.DbAsync(db => db.ForceRuns.IgnoreQueryFilters().Where(r => r.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, GenerationStatus.Feasible).SetProperty(r => r.TimeLimitReached, true)
            .SetProperty(r => r.BestBound, r => r.Objective + 7), Ct));

        var page = await HtmlAsync(await secretariat.GetPathAsync($"/forces/generation/runs/{id}"), HttpStatusCode.OK);
        Assert.Contains("Best found so far, not proven optimal: the time limit of 2 s stopped the solver", page, StringComparison.Ordinal);
        Assert.Matches(@"scores \d+; no assignment can score more than \d+", page);
        var list = await HtmlAsync(await secretariat.GetPathAsync("/forces/generation"), HttpStatusCode.OK);
        Assert.Contains("not proven optimal", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_compare_page_shows_both_runs_side_by_side_with_the_condition_that_differs_and_why_an_offer_stayed_out()
    {
        using var secretariat = await app.SecretariatAsync();
        var line = (await secretariat.AddLineAsync(Line("armour", 2, 2))).Id();
        await secretariat.RecordAsync(OfferOf("GBR", "armour", 1, [new { kind = "usBackstop" }]));
        await secretariat.RecordAsync(OfferOf("POL", "armour", 1, []));
        var with = await AddScenarioAsync(secretariat, "Compare with backstop");
        var without = await AddScenarioAsync(secretariat, "Compare without backstop", usBackstop: false);
        var ids = await RunAsync(secretariat, new { scenarioIds = new[] { with, without }, timeLimitSeconds = 4, lineIds = new[] { line } });

        // The runs list's checkboxes send runs=a&runs=b; links send runs=a,b.
        foreach (var query in new[] { $"runs={ids[0]}&runs={ids[1]}", $"runs={ids[0]},{ids[1]}" })
        {
            var page = await HtmlAsync(await secretariat.GetPathAsync("/forces/generation/compare?" + query), HttpStatusCode.OK);
            Assert.Contains("Compare with backstop", page, StringComparison.Ordinal);
            Assert.Contains("Compare without backstop", page, StringComparison.Ordinal);
            Assert.Contains("<th scope=\"row\">US backstop</th><td>yes</td><td>no</td>", page, StringComparison.Ordinal);
            Assert.Contains("2 units, filled", page, StringComparison.Ordinal);
            Assert.Contains("1 units, not filled", page, StringComparison.Ordinal);
            Assert.Contains("needs a US backstop", page, StringComparison.Ordinal);
        }

        var one = await HtmlAsync(await secretariat.GetPathAsync($"/forces/generation/compare?runs={ids[0]}"), HttpStatusCode.OK);
        Assert.Contains("Compare 2 to 4 runs", one, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_without_release_on_an_offer_of_the_run_gets_not_found_on_its_page_its_readiness_and_its_comparison()
    {
        using var secretariat = await app.SecretariatAsync();
        var line = (await secretariat.AddLineAsync(Line("specialOperations", 1, 2))).Id();
        await secretariat.RecordAsync(OfferOf("POL", "specialOperations", 1, []));
        await secretariat.RecordAsync(OfferOf("NLD", "specialOperations", 1, [], label: new { classification = "CONFIDENTIAL", releasableTo = GbrOnly }));
        var scenario = await AddScenarioAsync(secretariat, "Page labels");
        var ids = await RunAsync(secretariat, new { scenarioIds = new[] { scenario }, timeLimitSeconds = 3, lineIds = new[] { line } });
        var other = await RunAsync(secretariat, new { scenarioIds = new[] { scenario }, timeLimitSeconds = 3, lineIds = new[] { line } });

        using var pol = await app.DelegateAsync("POL", ClassificationLevels.Secret);
        Assert.Equal(HttpStatusCode.NotFound, (await pol.GetPathAsync($"/forces/generation/runs/{ids[0]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await pol.GetPathAsync($"/forces/generation/compare?runs={ids[0]},{other[0]}")).StatusCode);
        await (await pol.GetPathAsync($"/api/v1/force-generation/runs/{ids[0]}/readiness")).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        var list = await HtmlAsync(await pol.GetPathAsync("/forces/generation"), HttpStatusCode.OK);
        Assert.DoesNotContain(ids[0], list, StringComparison.Ordinal);
        Assert.DoesNotContain("Run force generation", list, StringComparison.Ordinal);

        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        var page = await HtmlAsync(await gbr.GetPathAsync($"/forces/generation/runs/{ids[0]}"), HttpStatusCode.OK);
        Assert.Contains("NLD", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_readiness_of_a_run_covers_its_lines_month_by_month_and_refuses_a_horizon_out_of_range()
    {
        using var secretariat = await app.SecretariatAsync();
        var line = (await secretariat.AddLineAsync(Line("militaryPolice", 1, 1))).Id();
        await secretariat.RecordAsync(OfferOf("POL", "militaryPolice", 1, []));
        var scenario = await AddScenarioAsync(secretariat, "Readiness");
        var id = (await RunAsync(secretariat, new { scenarioId = scenario, timeLimitSeconds = 2, lineIds = new[] { line } }))[0];

        var view = await (await secretariat.GetPathAsync($"/api/v1/force-generation/runs/{id}/readiness?months=6")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(id, view.Str("runId"));
        Assert.Equal("Readiness", view.Str("scenarioName"));
        var timeline = view.GetProperty("timeline");
        Assert.Equal(7, timeline.GetProperty("dates").GetArrayLength());
        var covered = Assert.Single(timeline.GetProperty("lines").EnumerateArray());
        Assert.Equal(line, covered.GetProperty("lineId").GetGuid());
        Assert.Equal(7, covered.GetProperty("coverage").GetArrayLength());
        Assert.All(timeline.GetProperty("priorities").EnumerateArray(), p => Assert.Equal(7, p.GetProperty("points").GetArrayLength()));

        var problem = await (await secretariat.GetPathAsync($"/api/v1/force-generation/runs/{id}/readiness?months=37")).ProblemAsync(HttpStatusCode.BadRequest, "/problems/validation");
        Assert.Contains("1 to 36", problem.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_scenario_form_creates_and_edits_a_scenario_and_explains_what_it_refuses()
    {
        using var secretariat = await app.SecretariatAsync();
        var name = "Nordic parliaments only " + Guid.NewGuid().ToString("N")[..6];
        (string, string)[] Fields(string n, string parliaments, params (string, string)[] more) =>
        [
            ("Input.Name", n), ("Input.CeasefireInForce", "true"), ("Input.UsBackstop", "false"), ("Input.OtherMandatesScope", "All"),
            ("Input.ParliamentsScope", "Listed"), ("Input.Parliaments", parliaments), ("Input.Label.Classification", "RESTRICTED"), .. more,
        ];

        var noName = await HtmlAsync(await PageForms.PostFormAsync(secretariat, "/forces/scenarios/new", "scenario", Fields("", "GBR")), HttpStatusCode.OK);
        Assert.Contains("The scenario was not saved", noName, StringComparison.Ordinal);
        var unknown = await HtmlAsync(await PageForms.PostFormAsync(secretariat, "/forces/scenarios/new", "scenario", Fields(name, "GBR, ZZQ")), HttpStatusCode.OK);
        Assert.Contains("ZZQ", unknown, StringComparison.Ordinal);
        Assert.Contains($"value=\"{name}\"", unknown, StringComparison.Ordinal);

        var created = await PageForms.PostFormAsync(secretariat, "/forces/scenarios/new", "scenario", Fields(name, "gbr, fra"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var list = await HtmlAsync(await secretariat.GetPathAsync("/forces/scenarios"), HttpStatusCode.OK);
        Assert.Contains(name, list, StringComparison.Ordinal);
        Assert.Contains("FRA, GBR", list, StringComparison.Ordinal);

        var stored = await (await secretariat.GetPathAsync("/api/v1/force-generation/scenarios")).JsonAsync(HttpStatusCode.OK);
        var scenario = stored.GetProperty("items").EnumerateArray().Single(s => s.Str("name") == name);
        Assert.False(scenario.GetProperty("usBackstop").GetBoolean());
        var edit = $"/forces/scenarios/{scenario.Str("id")}/edit";
        var stale = await HtmlAsync(await PageForms.PostFormAsync(secretariat, edit, "scenario", Fields(name, "GBR", ("Input.ExpectedVersion", "7"))), HttpStatusCode.OK);
        Assert.Contains("changed since you read it", stale, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await PageForms.PostFormAsync(secretariat, edit, "scenario",
            Fields(name, "GBR", ("Input.ExpectedVersion", scenario.GetProperty("version").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture))))).StatusCode);

        using var pol = await app.DelegateAsync("POL", ClassificationLevels.Secret);
        var refused = await HtmlAsync(await pol.GetPathAsync("/forces/scenarios/new"), HttpStatusCode.OK);
        Assert.Contains("The Secretariat keeps the force-generation scenarios.", refused, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_run_form_refuses_a_time_limit_out_of_range_or_no_scenario_in_words_and_otherwise_runs_and_opens_the_run()
    {
        using var secretariat = await app.SecretariatAsync();
        var scenario = await AddScenarioAsync(secretariat, "Form limits");
        var before = await app.DbAsync(db => db.ForceRuns.IgnoreQueryFilters().CountAsync(Ct));

        var tooLong = await HtmlAsync(await PageForms.PostFormAsync(secretariat, "/forces/generation", "force-run",
            ("Input.ScenarioIds", scenario.ToString()), ("Input.TimeLimitSeconds", "61")), HttpStatusCode.OK);
        Assert.Contains("Nothing was run: The time limit is 1 to 60 seconds; 61 is outside it.", tooLong, StringComparison.Ordinal);
        var none = await HtmlAsync(await PageForms.PostFormAsync(secretariat, "/forces/generation", "force-run", ("Input.TimeLimitSeconds", "5")), HttpStatusCode.OK);
        Assert.Contains("Nothing was run: tick at least one scenario.", none, StringComparison.Ordinal);
        Assert.Equal(before, await app.DbAsync(db => db.ForceRuns.IgnoreQueryFilters().CountAsync(Ct)));

        var ran = await PageForms.PostFormAsync(secretariat, "/forces/generation", "force-run", ("Input.ScenarioIds", scenario.ToString()), ("Input.TimeLimitSeconds", "2"));
        Assert.Equal(HttpStatusCode.Redirect, ran.StatusCode);
        Assert.Contains("/forces/generation/runs/", ran.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Equal(before + 1, await app.DbAsync(db => db.ForceRuns.IgnoreQueryFilters().CountAsync(Ct)));
    }
}

public sealed class GenerationPagesTestsOnSqlite(SqliteApp app) : GenerationPagesTests<SqliteApp>(app);

public sealed class GenerationPagesTestsOnPostgres(PostgresApp app) : GenerationPagesTests<PostgresApp>(app);
