using System.Net;
using System.Text.Json;
using Entente.Infrastructure.Labels;
using Entente.Testing;
using Entente.Tests.Registry;
using Microsoft.EntityFrameworkCore;

namespace Entente.Tests.Forces;

public abstract class ForceRunsApiTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    private static readonly object Restricted = new { classification = "RESTRICTED" };
    private static readonly string[] West = ["WEST"];
    private static readonly string[] GbrOnly = ["GBR"];

    private static Dictionary<string, object?> Scenario(string name, bool usBackstop = true, bool ceasefire = true) => new()
    {
        ["name"] = name,
        ["description"] = "Test scenario.",
        ["ceasefireInForce"] = ceasefire,
        ["usBackstop"] = usBackstop,
        ["unMandate"] = true,
        ["otherMandatesScope"] = "all",
        ["parliamentsScope"] = "all",
    };

    private static async Task<Guid> AddScenarioAsync(HttpClient secretariat, Dictionary<string, object?> body) =>
        (await (await secretariat.PostJsonAsync("/api/v1/force-generation/scenarios", body)).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();

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

    private static async Task<JsonElement> RunAsync(HttpClient client, object body) =>
        await (await client.PostJsonAsync("/api/v1/force-generation/runs", body)).JsonAsync(HttpStatusCode.Created);

    private Task<int> StoredRunsAsync() => app.DbAsync(db => db.ForceRuns.IgnoreQueryFilters().CountAsync(RegistryTestClient.Ct));

    [Fact]
    public async Task A_run_fills_the_line_with_the_offers_that_fit_and_the_gap_list_says_why_the_others_stay_away()
    {
        using var secretariat = await app.SecretariatAsync();
        var line = (await secretariat.AddLineAsync(Line("lightInfantry", 1, 3))).Id();
        var gbr = (await secretariat.RecordAsync(OfferOf("GBR", "lightInfantry", 1, [new { kind = "usBackstop" }]))).Id();
        var pol = (await secretariat.RecordAsync(OfferOf("POL", "lightInfantry", 1, []))).Id();
        var deu = (await secretariat.RecordAsync(OfferOf("DEU", "lightInfantry", 2, [], new Dictionary<string, object?> { ["allowedSectors"] = West }))).Id();
        var scenario = await AddScenarioAsync(secretariat, Scenario("Baseline"));

        var batch = await RunAsync(secretariat, new { scenarioId = scenario, timeLimitSeconds = 5, lineIds = new[] { line } });
        var run = batch.GetProperty("runs")[0];
        var summary = run.GetProperty("run");
        Assert.Equal("optimal", summary.Str("status"));
        Assert.True(summary.GetProperty("provenOptimal").GetBoolean());
        Assert.Equal(1, summary.GetProperty("lineCount").GetInt32());
        Assert.Equal(3, summary.GetProperty("offerCount").GetInt32());
        Assert.Equal(1.0, summary.GetProperty("greedyRatio").GetDouble());
        var covered = run.GetProperty("lines")[0];
        Assert.Equal(2, covered.GetProperty("assigned").GetInt32());
        Assert.True(covered.GetProperty("minimumMet").GetBoolean());
        Assert.False(covered.GetProperty("filled").GetBoolean());
        Assert.Equal([gbr, pol], covered.GetProperty("assignments").EnumerateArray().Select(a => a.GetProperty("offerId").GetGuid()).Order());

        var id = summary.Str("id");
        var gaps = await (await secretariat.GetPathAsync($"/api/v1/force-generation/runs/{id}/gaps")).JsonAsync(HttpStatusCode.OK);
        var gap = Assert.Single(gaps.GetProperty("gaps").EnumerateArray());
        Assert.Equal(1, gap.GetProperty("desiredShortfall").GetInt32());
        var blocked = Assert.Single(gap.GetProperty("offers").EnumerateArray());
        Assert.Equal(deu, blocked.GetProperty("offerId").GetGuid());
        Assert.Equal("sector", blocked.Str("kind"));
        Assert.Contains("restricted to sectors WEST", blocked.Str("reason"), StringComparison.Ordinal);

        var fetched = await (await secretariat.GetPathAsync($"/api/v1/force-generation/runs/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Baseline", fetched.GetProperty("run").Str("scenarioName"));
        Assert.Contains(fetched.GetProperty("inputs").EnumerateArray(), i => i.GetProperty("id").GetGuid() == line && i.GetProperty("version").GetInt32() == 1);
        var csv = await (await secretariat.GetPathAsync($"/api/v1/force-generation/runs/{id}/export")).Content.ReadAsStringAsync(RegistryTestClient.Ct);
        Assert.Contains("line_code,member,quantity", csv, StringComparison.Ordinal);
        Assert.Contains(",GBR,1,", csv, StringComparison.Ordinal);
        Assert.Contains(",POL,1,", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",DEU,", csv, StringComparison.Ordinal);
        var list = await (await secretariat.GetPathAsync("/api/v1/force-generation/runs")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(list.GetProperty("items").EnumerateArray(), r => r.Str("id") == id);
    }

    [Fact]
    public async Task Two_runs_asked_for_at_once_both_complete_one_after_the_other_with_the_same_answer()
    {
        using var secretariat = await app.SecretariatAsync();
        var line = (await secretariat.AddLineAsync(Line("medical", 1, 2))).Id();
        await secretariat.RecordAsync(OfferOf("POL", "medical", 2, []));
        var scenario = await AddScenarioAsync(secretariat, Scenario("Concurrent"));
        var body = new { scenarioId = scenario, timeLimitSeconds = 5, lineIds = new[] { line } };

        var both = await Task.WhenAll(RunAsync(secretariat, body), RunAsync(secretariat, body));

        var assigned = both.Select(b => b.GetProperty("runs")[0].GetProperty("lines")[0].GetProperty("assigned").GetInt32()).ToList();
        Assert.Equal([2, 2], assigned);
        Assert.NotEqual(both[0].GetProperty("runs")[0].GetProperty("run").Str("id"), both[1].GetProperty("runs")[0].GetProperty("run").Str("id"));
    }

    [Fact]
    public async Task With_and_without_a_US_backstop_the_runs_compare_with_different_coverage_and_name_the_condition()
    {
        using var secretariat = await app.SecretariatAsync();
        var line = (await secretariat.AddLineAsync(Line("armour", 2, 2))).Id();
        var gbr = (await secretariat.RecordAsync(OfferOf("GBR", "armour", 1, [new { kind = "usBackstop" }]))).Id();
        await secretariat.RecordAsync(OfferOf("POL", "armour", 1, []));
        var baseline = await AddScenarioAsync(secretariat, Scenario("With backstop"));
        var noBackstop = await AddScenarioAsync(secretariat, Scenario("No US backstop", usBackstop: false));

        var batch = await RunAsync(secretariat, new { scenarioIds = new[] { baseline, noBackstop }, timeLimitSeconds = 4, lineIds = new[] { line } });
        var runs = batch.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(2, runs.Count);
        Assert.True(runs[0].GetProperty("lines")[0].GetProperty("filled").GetBoolean());
        Assert.Equal(1, runs[1].GetProperty("lines")[0].GetProperty("assigned").GetInt32());
        Assert.True(runs[0].GetProperty("run").GetProperty("objective").GetInt64() > runs[1].GetProperty("run").GetProperty("objective").GetInt64());

        var compare = await (await secretariat.GetPathAsync(batch.Str("compareUrl"))).JsonAsync(HttpStatusCode.OK);
        var condition = Assert.Single(compare.GetProperty("conditionsThatDiffer").EnumerateArray());
        Assert.Equal("US backstop", condition.Str("condition"));
        Assert.Equal(["yes", "no"], condition.GetProperty("holds").EnumerateArray().Select(h => h.GetString()));
        var high = Assert.Single(compare.GetProperty("byPriority").EnumerateArray());
        Assert.Equal([2, 1], high.GetProperty("covered").EnumerateArray().Select(c => c.GetInt32()));
        var differing = Assert.Single(compare.GetProperty("linesWhoseFilledStatusDiffers").EnumerateArray());
        Assert.Equal(line, differing.GetProperty("lineId").GetGuid());
        var offer = Assert.Single(compare.GetProperty("offersUsedInOnlySome").EnumerateArray());
        Assert.Equal(gbr, offer.GetProperty("offerId").GetGuid());
        Assert.Contains("needs a US backstop", offer.GetProperty("whyNot")[1].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_stopped_by_its_time_limit_says_it_is_the_best_found_so_far_not_proven_optimal()
    {
        var problem = Entente.Testing.Forces.ForceGenerationInstances.Generate(300, 1200, seed: 7);
        var solved = Entente.Modules.Forces.Domain.Generation.ForceGenerator.Generate(problem, TimeSpan.FromMilliseconds(50), cancellationToken: RegistryTestClient.Ct);
        Assert.Equal(Entente.Modules.Forces.Domain.Generation.GenerationStatus.Feasible, solved.Status);
        var text = Entente.Modules.Forces.Domain.ForceRun.StatusText(solved.Status);
        Assert.Contains("best found so far, not proven optimal", text, StringComparison.OrdinalIgnoreCase);
        Assert.NotEmpty(solved.Assignments);
    }

    [Theory]
    [InlineData("unknown-scenario", "/problems/forces.unknown-scenario")]
    [InlineData("unknown-line", "/problems/forces.unknown-requirement-line")]
    [InlineData("time-limit-zero", "/problems/forces.time-limit-out-of-range")]
    [InlineData("time-limit-61", "/problems/forces.time-limit-out-of-range")]
    [InlineData("no-scenario", "/problems/validation")]
    [InlineData("no-offers", "/problems/forces.no-offers")]
    public async Task Bad_run_input_gets_a_clear_problem_and_stores_nothing(string kind, string type)
    {
        using var secretariat = await app.SecretariatAsync();
        var line = (await secretariat.AddLineAsync(Line("militaryPolice", 1, 1))).Id();
        var scenario = await AddScenarioAsync(secretariat, Scenario("Bad input " + kind));
        if (kind != "no-offers")
        {
            await secretariat.RecordAsync(OfferOf("POL", "militaryPolice", 1, []));
        }

        object body = kind switch
        {
            "unknown-scenario" => new { scenarioId = Guid.NewGuid(), lineIds = new[] { line } },
            "unknown-line" => new { scenarioId = scenario, lineIds = new[] { Guid.NewGuid() } },
            "time-limit-zero" => new { scenarioId = scenario, timeLimitSeconds = 0, lineIds = new[] { line } },
            "time-limit-61" => new { scenarioId = scenario, timeLimitSeconds = 61, lineIds = new[] { line } },
            "no-scenario" => new { lineIds = new[] { line } },
            _ => new { scenarioId = scenario, lineIds = new[] { line } },
        };
        if (kind == "no-offers")
        {
            // The militaryPolice offers of the other cases are withdrawn, so no standing offer of that capability remains.
            await app.ExecuteSqlAsync("UPDATE forces_offers SET status = 'Withdrawn' WHERE capability = 'MilitaryPolice'");
        }

        var before = await StoredRunsAsync();
        var problem = await (await secretariat.PostJsonAsync("/api/v1/force-generation/runs", body))
            .ProblemAsync(kind == "no-offers" ? HttpStatusCode.UnprocessableEntity : HttpStatusCode.BadRequest, type);
        Assert.False(string.IsNullOrWhiteSpace(problem.Str("detail")));
        Assert.Equal(before, await StoredRunsAsync());
    }

    [Fact]
    public async Task A_scenario_naming_an_unknown_member_is_refused()
    {
        using var secretariat = await app.SecretariatAsync();
        var body = Scenario("Only some parliaments");
        body["parliamentsScope"] = "listed";
        body["parliaments"] = new[] { "GBR", "ZZQ" };
        var problem = await (await secretariat.PostJsonAsync("/api/v1/force-generation/scenarios", body)).ProblemAsync(HttpStatusCode.BadRequest, "/problems/forces.unknown-member");
        Assert.Contains("ZZQ", problem.Str("detail"), StringComparison.Ordinal);

        body["parliaments"] = new[] { "GBR", "fra" };
        var created = await (await secretariat.PostJsonAsync("/api/v1/force-generation/scenarios", body)).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(["FRA", "GBR"], created.GetProperty("parliaments").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task A_delegate_cannot_run_force_generation_or_keep_scenarios()
    {
        using var secretariat = await app.SecretariatAsync();
        var scenario = await AddScenarioAsync(secretariat, Scenario("Delegate attempt"));
        using var pol = await app.DelegateAsync("POL", ClassificationLevels.Secret);
        await (await pol.PostJsonAsync("/api/v1/force-generation/runs", new { scenarioId = scenario })).ProblemAsync(HttpStatusCode.Forbidden, "/problems/forbidden");
        await (await pol.PostJsonAsync("/api/v1/force-generation/scenarios", Scenario("Mine"))).ProblemAsync(HttpStatusCode.Forbidden, "/problems/forbidden");
        await (await pol.GetPathAsync($"/api/v1/force-generation/scenarios/{scenario}")).JsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_member_without_release_on_one_offer_cannot_see_count_export_or_compare_the_run()
    {
        using var secretariat = await app.SecretariatAsync();
        var line = (await secretariat.AddLineAsync(Line("specialOperations", 1, 2))).Id();
        await secretariat.RecordAsync(OfferOf("POL", "specialOperations", 1, []));
        await secretariat.RecordAsync(OfferOf("NLD", "specialOperations", 1, [], label: new { classification = "CONFIDENTIAL", releasableTo = GbrOnly }));
        var scenario = await AddScenarioAsync(secretariat, Scenario("Labels"));
        using var pol = await app.DelegateAsync("POL", ClassificationLevels.Secret);
        var polTotalBefore = (await (await pol.GetPathAsync("/api/v1/force-generation/runs")).JsonAsync(HttpStatusCode.OK)).GetProperty("total").GetInt32();

        var batch = await RunAsync(secretariat, new { scenarioIds = new[] { scenario }, timeLimitSeconds = 3, lineIds = new[] { line } });
        var id = batch.GetProperty("runs")[0].GetProperty("run").Str("id");
        var label = batch.GetProperty("runs")[0].GetProperty("run").GetProperty("label");
        Assert.Equal("CONFIDENTIAL", label.Str("classification"));
        var other = (await RunAsync(secretariat, new { scenarioId = scenario, timeLimitSeconds = 3, lineIds = new[] { line } })).GetProperty("runs")[0].GetProperty("run").Str("id");

        foreach (var path in new[] { $"/runs/{id}", $"/runs/{id}/gaps", $"/runs/{id}/export", $"/compare?runs={id},{other}" })
        {
            await (await pol.GetPathAsync("/api/v1/force-generation" + path)).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        }

        var polList = await (await pol.GetPathAsync("/api/v1/force-generation/runs")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(polTotalBefore, polList.GetProperty("total").GetInt32());
        Assert.DoesNotContain(polList.GetProperty("items").EnumerateArray(), r => r.Str("id") == id);

        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        await (await gbr.GetPathAsync($"/api/v1/force-generation/runs/{id}")).JsonAsync(HttpStatusCode.OK);
        await (await gbr.GetPathAsync($"/api/v1/force-generation/compare?runs={id},{other}")).JsonAsync(HttpStatusCode.OK);
    }
}

public sealed class ForceRunsApiTestsOnSqlite(SqliteApp app) : ForceRunsApiTests<SqliteApp>(app);

public sealed class ForceRunsApiTestsOnPostgres(PostgresApp app) : ForceRunsApiTests<PostgresApp>(app);
