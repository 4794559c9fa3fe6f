using System.Net;
using System.Text.Json;
using Entente.Infrastructure.Labels;
using Entente.Testing;
using Microsoft.EntityFrameworkCore;

namespace Entente.Tests.Registry;

public abstract class MembersApiTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    [Fact]
    public async Task Anonymous_callers_get_401_from_every_member_endpoint()
    {
        using var client = app.Anonymous();
        await (await client.GetPathAsync("/api/v1/members")).ProblemAsync(HttpStatusCode.Unauthorized, "/problems/unauthenticated");
        await (await client.GetPathAsync("/api/v1/members/GBR")).ProblemAsync(HttpStatusCode.Unauthorized, "/problems/unauthenticated");
        await (await client.GetPathAsync("/api/v1/members/GBR/delegates")).ProblemAsync(HttpStatusCode.Unauthorized, "/problems/unauthenticated");
        var post = await client.PostJsonAsync("/api/v1/members", new { code = "MDA", kind = "state", label = RegistryTestClient.PublicLabel });
        await post.ProblemAsync(HttpStatusCode.Unauthorized, "/problems/unauthenticated");
    }

    [Fact]
    public async Task Walking_the_pages_visits_every_member_once_in_name_order()
    {
        using var client = await app.DelegateAsync("POL", ClassificationLevels.Restricted);
        var first = await (await client.GetPathAsync("/api/v1/members?kind=state&pageSize=7")).JsonAsync(HttpStatusCode.OK);
        var total = first.GetProperty("total").GetInt32();
        Assert.True(total >= 33, $"the demo coalition has 33 states, the list counted {total}");
        Assert.Equal((int)Math.Ceiling(total / 7.0), first.GetProperty("pageCount").GetInt32());

        var names = new List<string>();
        var codes = new List<string>();
        for (var page = 1; page <= first.GetProperty("pageCount").GetInt32(); page++)
        {
            var body = await (await client.GetPathAsync($"/api/v1/members?kind=state&pageSize=7&page={page}")).JsonAsync(HttpStatusCode.OK);
            Assert.Equal(page, body.GetProperty("page").GetInt32());
            Assert.True(body.GetProperty("items").GetArrayLength() <= 7);
            names.AddRange(body.GetProperty("items").EnumerateArray().Select(i => i.Str("name")));
            codes.AddRange(body.Codes());
        }

        Assert.Equal(total, codes.Count);
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.Contains("GBR", codes);
        Assert.DoesNotContain("NATO", codes);
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
    }

    [Fact]
    public async Task A_page_beyond_the_last_is_empty_and_a_page_size_over_200_is_refused()
    {
        using var client = await app.DelegateAsync("POL", ClassificationLevels.Restricted);
        var beyond = await (await client.GetPathAsync("/api/v1/members?page=99&pageSize=50")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, beyond.GetProperty("items").GetArrayLength());
        Assert.True(beyond.GetProperty("total").GetInt32() > 0);
        await (await client.GetPathAsync("/api/v1/members?pageSize=201")).ProblemAsync(HttpStatusCode.BadRequest, "/problems/validation");
        await (await client.GetPathAsync("/api/v1/members?page=0")).ProblemAsync(HttpStatusCode.BadRequest, "/problems/validation");
    }

    [Fact]
    public async Task Members_are_filtered_by_the_status_in_force_today_and_by_kind()
    {
        using var client = await app.DelegateAsync("FRA", ClassificationLevels.Confidential);
        var coChairs = await (await client.GetPathAsync("/api/v1/members?status=coChair")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(["FRA", "GBR"], coChairs.Codes());
        Assert.Equal(2, coChairs.GetProperty("total").GetInt32());
        Assert.All(coChairs.GetProperty("items").EnumerateArray(), i => Assert.Equal("coChair", i.Str("status")));
        Assert.Equal("2025-03-02", coChairs.GetProperty("items")[0].Str("statusSince"));

        var observers = await (await client.GetPathAsync("/api/v1/members?status=OBSERVER")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(["USA"], observers.Codes());

        var organisations = await (await client.GetPathAsync("/api/v1/members?kind=organisation&pageSize=200")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains("NATO", organisations.Codes());
        Assert.Contains("EU", organisations.Codes());
        Assert.All(organisations.GetProperty("items").EnumerateArray(), i => Assert.Equal("organisation", i.Str("kind")));
    }

    [Fact]
    public async Task The_search_matches_codes_and_names_in_any_case()
    {
        using var secretariat = await app.SecretariatAsync();
        var code = await secretariat.RegisterOrganisationAsync("Zebra Crossing Initiative");
        using var client = await app.DelegateAsync("POL", ClassificationLevels.Restricted);

        var byName = await (await client.GetPathAsync("/api/v1/members?q=zEBRA%20cross")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(code, byName.Codes());
        var byCode = await (await client.GetPathAsync($"/api/v1/members?q={code.ToLowerInvariant()}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([code], byCode.Codes());
        var nothing = await (await client.GetPathAsync("/api/v1/members?q=no-such-member-anywhere")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, nothing.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Members_sort_by_code_by_status_and_in_reverse()
    {
        using var client = await app.DelegateAsync("POL", ClassificationLevels.Restricted);
        var byCode = (await (await client.GetPathAsync("/api/v1/members?sort=code&pageSize=200")).JsonAsync(HttpStatusCode.OK)).Codes();
        Assert.Equal(byCode.Order(StringComparer.Ordinal), byCode);
        var byCodeDesc = (await (await client.GetPathAsync("/api/v1/members?sort=code&desc=true&pageSize=200")).JsonAsync(HttpStatusCode.OK)).Codes();
        Assert.Equal(byCode.Reverse(), byCodeDesc);

        var byStatus = await (await client.GetPathAsync("/api/v1/members?sort=status&pageSize=200")).JsonAsync(HttpStatusCode.OK);
        string[] order = ["coChair", "member", "partner", "observer", "former", ""];
        var ranks = byStatus.GetProperty("items").EnumerateArray()
            .Select(i => Array.IndexOf(order, i.GetProperty("status").ValueKind == JsonValueKind.Null ? "" : i.Str("status")))
            .ToList();
        Assert.Equal(ranks.Order(), ranks);
        Assert.Equal(["FRA", "GBR"], byStatus.Codes().Take(2));
    }

    [Theory]
    [InlineData("status=7", "status")]
    [InlineData("status=chair", "status")]
    [InlineData("kind=country", "kind")]
    [InlineData("sort=size", "sort")]
    public async Task An_unknown_filter_value_is_a_validation_problem_naming_the_parameter(string query, string field)
    {
        using var client = await app.DelegateAsync("POL", ClassificationLevels.Restricted);
        var problem = await (await client.GetPathAsync($"/api/v1/members?{query}")).ProblemAsync(HttpStatusCode.BadRequest, "/problems/validation");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task A_member_is_read_by_its_code_in_any_case_with_its_history()
    {
        using var client = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        var ukraine = await (await client.GetPathAsync("/api/v1/members/ukr")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("UKR", ukraine.Str("code"));
        Assert.Equal("partner", ukraine.Str("status"));
        var period = Assert.Single(ukraine.GetProperty("statuses").EnumerateArray());
        Assert.Equal("2025-03-02", period.Str("from"));
        Assert.Equal(JsonValueKind.Null, period.GetProperty("to").ValueKind);
        Assert.Equal("PUBLIC · TLP:CLEAR", ukraine.GetProperty("label").Str("marking"));

        await (await client.GetPathAsync("/api/v1/members/XYZ")).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        await (await client.GetPathAsync("/api/v1/members/" + new string('A', 40))).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
    }

    [Fact]
    public async Task The_Secretariat_registers_a_state_which_takes_its_ISO_name()
    {
        using var secretariat = await app.SecretariatAsync();
        var response = await secretariat.PostJsonAsync("/api/v1/members", new
        {
            code = "mda",
            kind = "state",
            notes = "Applied in 2026.",
            label = new { classification = "restricted", releasableTo = new[] { "gbr", "FRA" }, categories = new[] { "ops" } },
        });
        var created = await response.JsonAsync(HttpStatusCode.Created);
        Assert.Equal("/api/v1/members/MDA", response.Headers.Location?.ToString());
        Assert.Equal("MDA", created.Str("code"));
        Assert.Equal("Moldova", created.Str("name"));
        var label = created.GetProperty("label");
        Assert.Equal("RESTRICTED", label.Str("classification"));
        Assert.Equal(["FRA", "GBR"], label.GetProperty("releasableTo").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("CSEC", label.Str("originator"));
        Assert.Equal("amber", label.Str("tlp"));
        Assert.Equal("RESTRICTED · REL TO FRA, GBR · TLP:AMBER", label.Str("marking"));

        var read = await (await secretariat.GetPathAsync("/api/v1/members/MDA")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Applied in 2026.", read.Str("notes"));
        Assert.Equal(0, read.GetProperty("statuses").GetArrayLength());
    }

    [Fact]
    public async Task Delegates_cannot_register_members()
    {
        using var client = await app.DelegateAsync("GBR", ClassificationLevels.Secret);
        var response = await client.PostJsonAsync("/api/v1/members", new { code = RegistryTestClient.NewOrganisationCode(), kind = "organisation", name = "X", label = RegistryTestClient.PublicLabel });
        await response.ProblemAsync(HttpStatusCode.Forbidden, "/problems/forbidden");
    }

    [Fact]
    public async Task A_taken_code_answers_409_in_the_same_words_whether_or_not_the_caller_sees_the_holder()
    {
        using var secretariat = await app.SecretariatAsync();
        var code = await secretariat.RegisterOrganisationAsync("Quiet Partner", new { classification = "CONFIDENTIAL", releasableTo = new[] { "CSEC" } });
        using var gbrStaff = await app.ClientAsync("Secretariat", "GBR", ClassificationLevels.Restricted);
        await (await gbrStaff.GetPathAsync($"/api/v1/members/{code}")).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");

        var body = new { code, kind = "organisation", name = "Another", label = RegistryTestClient.PublicLabel };
        var seen = await (await secretariat.PostJsonAsync("/api/v1/members", body)).ProblemAsync(HttpStatusCode.Conflict, "/problems/registry.member-code-taken");
        var unseen = await (await gbrStaff.PostJsonAsync("/api/v1/members", body)).ProblemAsync(HttpStatusCode.Conflict, "/problems/registry.member-code-taken");

        Assert.Equal(seen.Str("detail"), unseen.Str("detail"));
        Assert.DoesNotContain("Quiet", unseen.Str("detail"), StringComparison.Ordinal);
        Assert.Equal("code", unseen.Str("field"));
        var stored = await app.DbAsync(db => db.Members.SingleAsync(m => m.Code == code, RegistryTestClient.Ct));
        Assert.Equal("Quiet Partner", stored.Name);
    }

    [Fact]
    public async Task Relabelling_a_member_keeps_its_originator_unless_another_is_named()
    {
        using var gbrStaff = await app.ClientAsync("Secretariat", "GBR", ClassificationLevels.Confidential);
        using var secretariat = await app.SecretariatAsync();
        var code = await gbrStaff.RegisterOrganisationAsync("Registered by GBR", new { classification = "RESTRICTED" });

        var relabelled = await (await secretariat.PutJsonAsync($"/api/v1/members/{code}", new
        {
            name = "Registered by GBR",
            label = new { classification = "CONFIDENTIAL", tlp = "amberStrict" },
        })).JsonAsync(HttpStatusCode.OK);
        var stored = await app.DbAsync(db => db.Members.SingleAsync(m => m.Code == code, RegistryTestClient.Ct));

        Assert.Equal("GBR", relabelled.GetProperty("label").Str("originator"));
        Assert.Equal("GBR", stored.Label.Originator);
        Assert.Equal(ClassificationLevels.Confidential, stored.Label.Classification);

        var reassigned = await (await secretariat.PutJsonAsync($"/api/v1/members/{code}", new
        {
            name = "Registered by GBR",
            label = new { classification = "CONFIDENTIAL", originator = "fra" },
        })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("FRA", reassigned.GetProperty("label").Str("originator"));
    }

    [Fact]
    public async Task The_Secretariat_renames_and_relabels_a_member()
    {
        using var secretariat = await app.SecretariatAsync();
        var code = await secretariat.RegisterOrganisationAsync("Old name");
        var response = await secretariat.PutJsonAsync($"/api/v1/members/{code}", new
        {
            name = "New name",
            notes = "Renamed at the 2026 summit.",
            label = new { classification = "RESTRICTED", tlp = "amberStrict" },
        });
        var updated = await response.JsonAsync(HttpStatusCode.OK);
        Assert.Equal("New name", updated.Str("name"));
        Assert.Equal("RESTRICTED · TLP:AMBER+STRICT", updated.GetProperty("label").Str("marking"));

        var keepLabel = await (await secretariat.PutJsonAsync($"/api/v1/members/{code}", new { name = "Newer name" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("RESTRICTED", keepLabel.GetProperty("label").Str("classification"));
        Assert.Equal(JsonValueKind.Null, keepLabel.GetProperty("notes").ValueKind);

        using var delegateClient = await app.DelegateAsync("GBR", ClassificationLevels.Secret);
        await (await delegateClient.PutJsonAsync($"/api/v1/members/{code}", new { name = "Hijacked" })).ProblemAsync(HttpStatusCode.Forbidden, "/problems/forbidden");
        await (await secretariat.PutJsonAsync("/api/v1/members/ZZZZ", new { name = "Nobody" })).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
    }

    [Fact]
    public async Task A_member_labelled_confidential_for_GBR_is_invisible_to_others_and_left_out_of_their_totals()
    {
        using var secretariat = await app.SecretariatAsync();
        using var pol = await app.DelegateAsync("POL", ClassificationLevels.Secret);
        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        var polBefore = (await (await pol.GetPathAsync("/api/v1/members?kind=organisation")).JsonAsync(HttpStatusCode.OK)).GetProperty("total").GetInt32();
        var gbrBefore = (await (await gbr.GetPathAsync("/api/v1/members?kind=organisation")).JsonAsync(HttpStatusCode.OK)).GetProperty("total").GetInt32();

        var code = await secretariat.RegisterOrganisationAsync("Back channel", new { classification = "CONFIDENTIAL", releasableTo = new[] { "GBR", "CSEC" } });

        await (await pol.GetPathAsync($"/api/v1/members/{code}")).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        var polAfter = await (await pol.GetPathAsync("/api/v1/members?kind=organisation&pageSize=200")).JsonAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(code, polAfter.Codes());
        Assert.Equal(polBefore, polAfter.GetProperty("total").GetInt32());

        await (await gbr.GetPathAsync($"/api/v1/members/{code}")).JsonAsync(HttpStatusCode.OK);
        var gbrAfter = await (await gbr.GetPathAsync("/api/v1/members?kind=organisation&pageSize=200")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(code, gbrAfter.Codes());
        Assert.Equal(gbrBefore + 1, gbrAfter.GetProperty("total").GetInt32());
    }
}

public sealed class MembersApiTestsOnSqlite(SqliteApp app) : MembersApiTests<SqliteApp>(app);

public sealed class MembersApiTestsOnPostgres(PostgresApp app) : MembersApiTests<PostgresApp>(app);
