using System.Net;
using Entente.Testing;
using Microsoft.EntityFrameworkCore;

namespace Entente.Tests.Registry;

/// <summary>Bad input gets a clear problem and changes nothing; hostile text is stored as typed and never executed.</summary>
public abstract class RegistryBadInputTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    private Task<int> MemberCountAsync() => app.DbAsync(db => db.Members.CountAsync(RegistryTestClient.Ct));

    private Task<int> DelegateCountAsync() => app.DbAsync(db => db.Delegates.CountAsync(RegistryTestClient.Ct));

    public static TheoryData<string> UnreadableMemberBodies => new()
    {
        """{"code": "MDA", "kind": "state", """,
        """not json at all""",
        """{"code": 5, "kind": "state", "label": {"classification": "PUBLIC"}}""",
        """{"code": "MDA", "kind": "planet", "label": {"classification": "PUBLIC"}}""",
        """{"code": "MDA", "kind": 0, "label": {"classification": "PUBLIC"}}""",
        """{"code": "MDA", "kind": "state", "label": "PUBLIC"}""",
        """{"code": "MDA", "kind": "state", "label": {"classification": "PUBLIC", "tlp": "purple"}}""",
        """{"code": "MDA", "kind": "state", "label": {"classification": "PUBLIC", "releasableTo": "GBR"}}""",
        """{"code": "MDA", "kind": "state", "isAdmin": true, "label": {"classification": "PUBLIC"}}""",
        """{"code": "MDA", "kind": "state", "label": {"classification": "PUBLIC", "sharingGroupId": "not-a-guid"}}""",
        """[]""",
        "",
    };

    [Theory]
    [MemberData(nameof(UnreadableMemberBodies))]
    public async Task An_unreadable_body_is_a_400_problem_and_registers_nothing(string body)
    {
        using var secretariat = await app.SecretariatAsync();
        var before = await MemberCountAsync();
        var response = await secretariat.SendRawAsync(HttpMethod.Post, "/api/v1/members", body);
        var problem = await response.JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("/problems/", problem.Str("type"), StringComparison.Ordinal);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Equal(before, await MemberCountAsync());
    }

    [Theory]
    [InlineData("name", 201)]
    [InlineData("notes", 4001)]
    [InlineData("code", 9)]
    public async Task An_over_long_field_is_refused_and_registers_nothing(string field, int length)
    {
        using var secretariat = await app.SecretariatAsync();
        var before = await MemberCountAsync();
        var body = new Dictionary<string, object>
        {
            ["code"] = RegistryTestClient.NewOrganisationCode(),
            ["kind"] = "organisation",
            ["name"] = "Long field test",
            ["label"] = RegistryTestClient.PublicLabel,
            [field] = new string('x', length),
        };
        var problem = await (await secretariat.PostJsonAsync("/api/v1/members", body)).ProblemAsync(HttpStatusCode.BadRequest, "/problems/validation");
        Assert.Contains(problem.GetProperty("errors").EnumerateObject(), e => string.Equals(e.Name, field, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(before, await MemberCountAsync());
    }

    [Theory]
    [InlineData("XXA", "state")]
    [InlineData("GB", "state")]
    [InlineData("G-B", "organisation")]
    [InlineData("FRA", "organisation")]
    [InlineData("1ABC", "organisation")]
    public async Task A_code_that_is_no_valid_member_code_is_refused(string code, string kind)
    {
        using var secretariat = await app.SecretariatAsync();
        var before = await MemberCountAsync();
        var problem = await (await secretariat.PostJsonAsync("/api/v1/members", new { code, kind, name = "Bad code", label = RegistryTestClient.PublicLabel }))
            .ProblemAsync(HttpStatusCode.BadRequest, "/problems/validation");
        Assert.Equal("code", problem.Str("field"));
        Assert.Equal(before, await MemberCountAsync());
    }

    [Fact]
    public async Task Releasing_to_member_codes_that_do_not_exist_is_refused()
    {
        using var secretariat = await app.SecretariatAsync();
        var before = await MemberCountAsync();
        var problem = await (await secretariat.PostJsonAsync("/api/v1/members", new
        {
            code = RegistryTestClient.NewOrganisationCode(),
            kind = "organisation",
            name = "Unknown REL TO",
            label = new { classification = "RESTRICTED", releasableTo = new[] { "GBR", "XYZ", "GBR|FRA", "' OR 1=1 --" } },
        })).ProblemAsync(HttpStatusCode.BadRequest, "/problems/label.releasable-to-unknown");
        Assert.Contains("XYZ", problem.Str("detail"), StringComparison.Ordinal);
        Assert.Equal("label.releasableTo", problem.Str("field"));
        Assert.Equal(before, await MemberCountAsync());
    }

    [Fact]
    public async Task Registering_a_code_twice_is_a_conflict_that_keeps_the_first()
    {
        using var secretariat = await app.SecretariatAsync();
        var code = await secretariat.RegisterOrganisationAsync("First holder");
        await (await secretariat.PostJsonAsync("/api/v1/members", new { code = code.ToLowerInvariant(), kind = "organisation", name = "Second holder", label = RegistryTestClient.PublicLabel }))
            .ProblemAsync(HttpStatusCode.Conflict, "/problems/registry.member-code-taken");
        var member = await (await secretariat.GetPathAsync($"/api/v1/members/{code}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("First holder", member.Str("name"));
    }

    [Theory]
    [InlineData("Robert'); DROP TABLE registry_members;--")]
    [InlineData("<script>alert('x')</script>")]
    [InlineData("\" onmouseover=\"alert(1)")]
    [InlineData("{{7*7}} ${7*7} @(1+1)")]
    [InlineData("%00%27 OR '1'='1")]
    public async Task Hostile_text_is_stored_verbatim_and_never_executed(string text)
    {
        using var secretariat = await app.SecretariatAsync();
        var before = await MemberCountAsync();
        var code = await secretariat.RegisterOrganisationAsync(text);
        var id = (await (await secretariat.PostJsonAsync($"/api/v1/members/{code}/delegates", new { fullName = text, position = text, label = new { classification = "PUBLIC" } }))
            .JsonAsync(HttpStatusCode.Created)).Str("id");
        await (await secretariat.PostJsonAsync($"/api/v1/members/{code}/statuses", new { status = "member", from = "2025-04-01", note = text })).JsonAsync(HttpStatusCode.Created);

        var member = await (await secretariat.GetPathAsync($"/api/v1/members/{code}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(text, member.Str("name"));
        Assert.Equal(text, member.GetProperty("statuses")[0].Str("note"));
        var found = await (await secretariat.GetPathAsync($"/api/v1/members?q={Uri.EscapeDataString(text)}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([code], found.Codes());
        var d = await (await secretariat.GetPathAsync($"/api/v1/members/{code}/delegates/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(text, d.Str("fullName"));
        Assert.Equal(before + 1, await MemberCountAsync());

        var page = await (await secretariat.GetPathAsync($"/registry/members/{code}")).Content.ReadAsStringAsync(RegistryTestClient.Ct);
        Assert.DoesNotContain(text, page, StringComparison.Ordinal);
        Assert.Contains(System.Text.Encodings.Web.HtmlEncoder.Default.Encode(text), page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Null\\u0000byte")]
    [InlineData("Bell\\u0007")]
    [InlineData("Broken \\ud800 surrogate")]
    [InlineData("Two\\nlines")]
    public async Task Control_characters_in_a_name_are_refused(string escapedName)
    {
        using var secretariat = await app.SecretariatAsync();
        var before = await DelegateCountAsync();
        var response = await secretariat.SendRawAsync(HttpMethod.Post, "/api/v1/members/ITA/delegates", $$"""{"fullName":"{{escapedName}}"}""");
        var problem = await response.JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("/problems/", problem.Str("type"), StringComparison.Ordinal);
        if (problem.TryGetProperty("field", out var field))
        {
            // Read as text, the domain names the field; an unreadable escape is refused before that.
            Assert.Equal("fullName", field.GetString());
        }

        Assert.Equal(before, await DelegateCountAsync());
    }

    [Fact]
    public async Task After_a_barrage_of_bad_input_the_stored_members_are_unchanged_and_the_audit_chain_verifies()
    {
        using var secretariat = await app.SecretariatAsync();
        var before = await app.DbAsync(db => db.Members.OrderBy(m => m.Code)
            .Select(m => m.Code + "|" + m.Name + "|" + m.Notes + "|" + m.Label.Classification).ToListAsync(RegistryTestClient.Ct));
        string[] bodies =
        [
            """{"name": "Robert'); DROP TABLE registry_members;--", "notes": null, "label": {"classification": "PUBLIC"}, "extra": 1}""",
            """{"name": 42, "label": {"classification": "PUBLIC"}}""",
            """{"name": "ok", "label": {"classification": "TOP-SECRET-ISH"}}""",
            """{"name": "ok", "label": {"classification": "PUBLIC", "releasableTo": ["ZZZ"]}}""",
            """{"name": "", "label": {"classification": "PUBLIC"}}""",
            "{",
        ];
        foreach (var body in bodies)
        {
            var response = await secretariat.SendRawAsync(HttpMethod.Put, "/api/v1/members/GBR", body);
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"{body} answered {(int)response.StatusCode}");
        }

        var status = await secretariat.SendRawAsync(HttpMethod.Post, "/api/v1/members/GBR/statuses", """{"status": "former", "from": "1999-01-01"}""");
        Assert.Equal(HttpStatusCode.BadRequest, status.StatusCode);

        var after = await app.DbAsync(db => db.Members.OrderBy(m => m.Code)
            .Select(m => m.Code + "|" + m.Name + "|" + m.Notes + "|" + m.Label.Classification).ToListAsync(RegistryTestClient.Ct));
        Assert.Equal(before, after);
        var verify = await app.RunCliAsync("audit", "verify");
        Assert.True(verify.ExitCode == 0, verify.Output + verify.Error);
        Assert.StartsWith("OK", verify.Output, StringComparison.Ordinal);
    }
}

public sealed class RegistryBadInputTestsOnSqlite(SqliteApp app) : RegistryBadInputTests<SqliteApp>(app);

public sealed class RegistryBadInputTestsOnPostgres(PostgresApp app) : RegistryBadInputTests<PostgresApp>(app);
