using System.Net;
using System.Text.Json;
using Entente.Infrastructure.Labels;
using Entente.Testing;

namespace Entente.Tests.Registry;

public abstract class DelegatesApiTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    private static async Task<string> AppointAsync(HttpClient client, string member, object body)
    {
        var created = await (await client.PostJsonAsync($"/api/v1/members/{member}/delegates", body)).JsonAsync(HttpStatusCode.Created);
        return created.Str("id");
    }

    private static async Task<JsonElement> ListAsync(HttpClient client, string member) =>
        await (await client.GetPathAsync($"/api/v1/members/{member}/delegates?pageSize=200")).JsonAsync(HttpStatusCode.OK);

    private static List<string> Ids(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.Str("id")).ToList();

    [Fact]
    public async Task A_confidential_delegate_released_to_GBR_FRA_and_CSEC_is_seen_only_by_cleared_readers_of_those_members()
    {
        using var secretariat = await app.SecretariatAsync();
        var open = await AppointAsync(secretariat, "UKR", new { fullName = "Open liaison", label = new { classification = "RESTRICTED" } });
        var liaison = await AppointAsync(secretariat, "UKR", new
        {
            fullName = "Liaison to the co-chairs",
            position = "Liaison officer",
            label = new { classification = "CONFIDENTIAL", releasableTo = new[] { "GBR", "FRA", "CSEC" }, originator = "GBR", tlp = "amberStrict", categories = new[] { "PERS", "OPS" } },
        });

        using var polish = await app.DelegateAsync("POL", ClassificationLevels.Confidential);
        using var britishRestricted = await app.DelegateAsync("GBR", ClassificationLevels.Restricted);
        using var britishConfidential = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);

        foreach (var blind in new[] { polish, britishRestricted })
        {
            await (await blind.GetPathAsync($"/api/v1/members/UKR/delegates/{liaison}")).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
            var list = await ListAsync(blind, "UKR");
            Assert.DoesNotContain(liaison, Ids(list));
            Assert.Contains(open, Ids(list));
            Assert.Equal(list.GetProperty("items").GetArrayLength(), list.GetProperty("total").GetInt32());
        }

        var seen = await (await britishConfidential.GetPathAsync($"/api/v1/members/UKR/delegates/{liaison}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Liaison to the co-chairs", seen.Str("fullName"));
        Assert.Equal("CONFIDENTIAL · REL TO CSEC, FRA, GBR · TLP:AMBER+STRICT", seen.GetProperty("label").Str("marking"));
        var visibleList = await ListAsync(britishConfidential, "UKR");
        Assert.Contains(liaison, Ids(visibleList));
        var polishTotal = (await ListAsync(polish, "UKR")).GetProperty("total").GetInt32();
        Assert.Equal(polishTotal + 1, visibleList.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_delegate_without_a_label_is_restricted_personal_data_of_its_appointer()
    {
        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Restricted);
        var response = await gbr.PostJsonAsync("/api/v1/members/GBR/delegates", new
        {
            fullName = "Deputy head (test)",
            position = "Deputy head of delegation",
            email = "deputy@gbr.test.invalid",
            phone = "+44 20 7946 0000",
            isHeadOfDelegation = false,
        });
        var created = await response.JsonAsync(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/members/GBR/delegates/{created.Str("id")}", response.Headers.Location?.ToString());
        var label = created.GetProperty("label");
        Assert.Equal("RESTRICTED", label.Str("classification"));
        Assert.Equal(["PERS"], label.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("GBR", label.Str("originator"));
        Assert.Equal("amber", label.Str("tlp"));
    }

    [Fact]
    public async Task A_delegate_manages_its_own_members_delegation_and_no_other()
    {
        using var secretariat = await app.SecretariatAsync();
        var french = await AppointAsync(secretariat, "FRA", new { fullName = "Conseillère (test)" });
        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);

        await (await gbr.PostJsonAsync("/api/v1/members/FRA/delegates", new { fullName = "Intruder" }))
            .ProblemAsync(HttpStatusCode.Forbidden, "/problems/registry.delegates-not-yours");
        await (await gbr.PutJsonAsync($"/api/v1/members/FRA/delegates/{french}", new { fullName = "Renamed" }))
            .ProblemAsync(HttpStatusCode.Forbidden, "/problems/registry.delegates-not-yours");
        await (await gbr.DeletePathAsync($"/api/v1/members/FRA/delegates/{french}"))
            .ProblemAsync(HttpStatusCode.Forbidden, "/problems/registry.delegates-not-yours");
        using var monitor = await app.ClientAsync("Monitor", "GBR", ClassificationLevels.Restricted);
        await (await monitor.PostJsonAsync("/api/v1/members/GBR/delegates", new { fullName = "Not a delegate's call" }))
            .ProblemAsync(HttpStatusCode.Forbidden, "/problems/registry.delegates-not-yours");

        var still = await (await secretariat.GetPathAsync($"/api/v1/members/FRA/delegates/{french}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Conseillère (test)", still.Str("fullName"));
    }

    [Fact]
    public async Task A_delegate_is_updated_relabelled_and_removed()
    {
        using var pol = await app.DelegateAsync("POL", ClassificationLevels.Restricted);
        var id = await AppointAsync(pol, "POL", new { fullName = "Jan Test", isHeadOfDelegation = true });

        var updated = await (await pol.PutJsonAsync($"/api/v1/members/POL/delegates/{id}", new
        {
            fullName = "Jan Test-Nowak",
            position = "Ambassador",
            isHeadOfDelegation = true,
            label = new { classification = "RESTRICTED", releasableTo = new[] { "POL", "CSEC" } },
        })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Jan Test-Nowak", updated.Str("fullName"));
        Assert.Equal("RESTRICTED · REL TO CSEC, POL · TLP:AMBER", updated.GetProperty("label").Str("marking"));

        using var fra = await app.DelegateAsync("FRA", ClassificationLevels.Confidential);
        await (await fra.GetPathAsync($"/api/v1/members/POL/delegates/{id}")).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");

        var head = (await ListAsync(pol, "POL")).GetProperty("items")[0];
        Assert.True(head.GetProperty("isHeadOfDelegation").GetBoolean());

        var removed = await pol.DeletePathAsync($"/api/v1/members/POL/delegates/{id}");
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        await (await pol.GetPathAsync($"/api/v1/members/POL/delegates/{id}")).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        await (await pol.DeletePathAsync($"/api/v1/members/POL/delegates/{id}")).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
    }

    [Fact]
    public async Task A_delegate_is_not_reachable_under_another_members_code()
    {
        using var secretariat = await app.SecretariatAsync();
        var id = await AppointAsync(secretariat, "DEU", new { fullName = "Military representative (test)" });
        await (await secretariat.GetPathAsync($"/api/v1/members/FRA/delegates/{id}")).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        await (await secretariat.PutJsonAsync($"/api/v1/members/FRA/delegates/{id}", new { fullName = "Moved" })).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
    }

    [Fact]
    public async Task The_delegates_of_a_member_the_caller_cannot_see_do_not_exist_for_it()
    {
        using var secretariat = await app.SecretariatAsync();
        var code = await secretariat.RegisterOrganisationAsync("Discreet body", new { classification = "RESTRICTED", releasableTo = new[] { "CSEC" } });
        var id = await AppointAsync(secretariat, code, new { fullName = "Public face", label = new { classification = "PUBLIC" } });
        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Secret);
        await (await gbr.GetPathAsync($"/api/v1/members/{code}/delegates")).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        await (await gbr.GetPathAsync($"/api/v1/members/{code}/delegates/{id}")).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
    }

    [Fact]
    public async Task A_delegate_cannot_be_labelled_above_the_appointers_clearance_or_out_of_its_own_reach()
    {
        using var pol = await app.DelegateAsync("POL", ClassificationLevels.Restricted);
        var tooHigh = await (await pol.PostJsonAsync("/api/v1/members/POL/delegates", new { fullName = "X", label = new { classification = "CONFIDENTIAL" } }))
            .ProblemAsync(HttpStatusCode.BadRequest, "/problems/label.classification-above-clearance");
        Assert.Equal("label.classification", tooHigh.Str("field"));

        var lockedOut = await (await pol.PostJsonAsync("/api/v1/members/POL/delegates", new { fullName = "X", label = new { classification = "RESTRICTED", releasableTo = new[] { "GBR" }, originator = "GBR" } }))
            .ProblemAsync(HttpStatusCode.BadRequest, "/problems/label.excludes-you");
        Assert.Equal("label.releasableTo", lockedOut.Str("field"));

        var unknown = await (await pol.PostJsonAsync("/api/v1/members/POL/delegates", new { fullName = "X", label = new { classification = "RESTRICTED", releasableTo = new[] { "POL", "ATLANTIS" } } }))
            .ProblemAsync(HttpStatusCode.BadRequest, "/problems/label.releasable-to-unknown");
        Assert.Contains("ATLANTIS", unknown.Str("detail"), StringComparison.Ordinal);

        await (await pol.PostJsonAsync("/api/v1/members/POL/delegates", new { fullName = "X", label = new { classification = "RESTRICTED", tlp = "clear" } }))
            .ProblemAsync(HttpStatusCode.BadRequest, "/problems/label.tlp-clear-not-public");
        await (await pol.PostJsonAsync("/api/v1/members/POL/delegates", new { fullName = "X", label = new { classification = "RESTRICTED", categories = new[] { "GOSSIP" } } }))
            .ProblemAsync(HttpStatusCode.BadRequest, "/problems/label.category-unknown");
        await (await pol.PostJsonAsync("/api/v1/members/POL/delegates", new { fullName = "X", label = new { classification = "RESTRICTED", sharingGroupId = Guid.NewGuid() } }))
            .ProblemAsync(HttpStatusCode.BadRequest, "/problems/label.sharing-group-unknown");
        await (await pol.PostJsonAsync("/api/v1/members/POL/delegates", new { fullName = "X", label = new { classification = "COSMIC" } }))
            .ProblemAsync(HttpStatusCode.BadRequest, "/problems/label.classification-unknown");
        await (await pol.PostJsonAsync("/api/v1/members/POL/delegates", new { fullName = "X", label = new { classification = "RESTRICTED", releasableTo = Enumerable.Range(0, 65).Select(i => $"M{i}").ToArray() } }))
            .ProblemAsync(HttpStatusCode.BadRequest, "/problems/label.releasable-to-too-long");

        var names = (await ListAsync(pol, "POL")).GetProperty("items").EnumerateArray().Select(i => i.Str("fullName"));
        Assert.DoesNotContain("X", names);
    }

    [Theory]
    [InlineData("email", "not an address")]
    [InlineData("email", "two@@example.org")]
    [InlineData("phone", "call me")]
    [InlineData("phone", "+")]
    public async Task Malformed_contact_details_are_refused_naming_the_field(string field, string value)
    {
        using var secretariat = await app.SecretariatAsync();
        var body = new Dictionary<string, object> { ["fullName"] = "Contact test", [field] = value };
        var problem = await (await secretariat.PostJsonAsync("/api/v1/members/ITA/delegates", body)).ProblemAsync(HttpStatusCode.BadRequest, "/problems/validation");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }
}

public sealed class DelegatesApiTestsOnSqlite(SqliteApp app) : DelegatesApiTests<SqliteApp>(app);

public sealed class DelegatesApiTestsOnPostgres(PostgresApp app) : DelegatesApiTests<PostgresApp>(app);
