using System.Net;
using Entente.Infrastructure.Labels;
using Entente.Testing;

namespace Entente.Tests.Registry;

public abstract class RegistryPagesTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    private static async Task<string> HtmlAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var html = await response.Content.ReadAsStringAsync(RegistryTestClient.Ct);
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}");
        return html;
    }

    [Fact]
    public async Task The_public_page_shows_PUBLIC_members_by_status_and_nothing_else()
    {
        using var secretariat = await app.SecretariatAsync();
        var open = await secretariat.RegisterOrganisationAsync("Openly Listed Alliance");
        var quiet = await secretariat.RegisterOrganisationAsync("Quietly Listed Alliance", new { classification = "RESTRICTED" });
        var narrow = await secretariat.RegisterOrganisationAsync("Narrowly Listed Alliance", new { classification = "PUBLIC", releasableTo = new[] { "GBR", "CSEC" } });
        foreach (var code in new[] { open, quiet, narrow })
        {
            await (await secretariat.PostJsonAsync($"/api/v1/members/{code}/statuses", new { status = "partner", from = "2025-05-01" })).JsonAsync(HttpStatusCode.Created);
        }

        using var anonymous = app.Anonymous();
        var html = await HtmlAsync(await anonymous.GetPathAsync("/public"), HttpStatusCode.OK);
        Assert.Contains("Openly Listed Alliance", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Quietly Listed Alliance", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Narrowly Listed Alliance", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Coalition Secretariat", html, StringComparison.Ordinal);
        Assert.Matches("Co-chairs <span class=\"muted\"[^>]*>\\(2\\)</span>", html);
        Assert.Contains("United Kingdom", html, StringComparison.Ordinal);

        var signedIn = await HtmlAsync(await secretariat.GetPathAsync("/public"), HttpStatusCode.OK);
        Assert.DoesNotContain("Quietly Listed Alliance", signedIn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in_from_the_registry_pages()
    {
        using var anonymous = app.Anonymous();
        foreach (var path in new[] { "/registry/members", "/registry/members/GBR", "/registry/policy", "/registry/members/new" })
        {
            var response = await anonymous.GetPathAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/account/sign-in", response.Headers.Location?.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_members_page_filters_sorts_and_pages_from_the_query_string()
    {
        using var secretariat = await app.SecretariatAsync();
        var coChairs = await HtmlAsync(await secretariat.GetPathAsync("/registry/members?status=coChair"), HttpStatusCode.OK);
        Assert.Contains("France", coChairs, StringComparison.Ordinal);
        Assert.Contains("United Kingdom", coChairs, StringComparison.Ordinal);
        Assert.DoesNotContain(">Germany<", coChairs, StringComparison.Ordinal);
        Assert.Contains("2 members match the filters", coChairs, StringComparison.Ordinal);
        Assert.Contains("Register a member", coChairs, StringComparison.Ordinal);

        var second = await HtmlAsync(await secretariat.GetPathAsync("/registry/members?sort=code&desc=true&page=2"), HttpStatusCode.OK);
        Assert.Contains("page 2 of", second, StringComparison.Ordinal);
        Assert.Contains("aria-sort=\"descending\"", second, StringComparison.Ordinal);
        Assert.Contains("rel=\"prev\"", second, StringComparison.Ordinal);

        var stale = await HtmlAsync(await secretariat.GetPathAsync("/registry/members?status=chairman&q=france"), HttpStatusCode.OK);
        Assert.Contains("Unknown status", stale, StringComparison.Ordinal);
        Assert.Contains("France", stale, StringComparison.Ordinal);

        using var delegateClient = await app.DelegateAsync("POL", ClassificationLevels.Restricted);
        var forDelegate = await HtmlAsync(await delegateClient.GetPathAsync("/registry/members"), HttpStatusCode.OK);
        Assert.DoesNotContain("Register a member", forDelegate, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_the_reader_cannot_see_has_no_page_for_it()
    {
        using var secretariat = await app.SecretariatAsync();
        var code = await secretariat.RegisterOrganisationAsync("Invisible Page Body", new { classification = "CONFIDENTIAL", releasableTo = new[] { "CSEC" } });
        using var pol = await app.DelegateAsync("POL", ClassificationLevels.Secret);
        var html = await HtmlAsync(await pol.GetPathAsync($"/registry/members/{code}"), HttpStatusCode.NotFound);
        Assert.DoesNotContain("Invisible Page Body", html, StringComparison.Ordinal);
        var shown = await HtmlAsync(await secretariat.GetPathAsync($"/registry/members/{code}"), HttpStatusCode.OK);
        Assert.Contains("Invisible Page Body", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_status_recorded_through_the_form_appears_on_the_member_page()
    {
        using var secretariat = await app.SecretariatAsync();
        var code = await secretariat.RegisterOrganisationAsync("Form Status Body");
        var path = $"/registry/members/{code}";

        var refused = await PageForms.PostFormAsync(secretariat, path, "record-status",
            ("StatusForm.Status", "Member"), ("StatusForm.From", "2024-12-31"), ("StatusForm.Note", "Typed note"));
        var html = await HtmlAsync(refused, HttpStatusCode.OK);
        Assert.Contains("cannot start before the coalition was founded", html, StringComparison.Ordinal);
        Assert.Contains("value=\"2024-12-31\"", html, StringComparison.Ordinal);
        Assert.Contains("Typed note</textarea>", html, StringComparison.Ordinal);

        var accepted = await PageForms.PostFormAsync(secretariat, path, "record-status", ("StatusForm.Status", "Member"), ("StatusForm.From", "2025-05-01"));
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.EndsWith($"{path}?done=status", accepted.Headers.Location?.ToString(), StringComparison.Ordinal);
        var member = await (await secretariat.GetPathAsync($"/api/v1/members/{code}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("member", member.Str("status"));

        var removed = await PageForms.PostFormAsync(secretariat, path, "remove-latest-status");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        member = await (await secretariat.GetPathAsync($"/api/v1/members/{code}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, member.GetProperty("statuses").GetArrayLength());
    }

    [Fact]
    public async Task A_reader_without_the_role_cannot_record_a_status_by_posting_the_form()
    {
        using var delegateClient = await app.DelegateAsync("GBR", ClassificationLevels.Secret);
        var page = await HtmlAsync(await delegateClient.GetPathAsync("/registry/members/ITA"), HttpStatusCode.OK);
        Assert.DoesNotContain("Record status", page, StringComparison.Ordinal);
        var response = await PageForms.PostFormAsync(delegateClient, "/registry/members/ITA", "record-status", ("StatusForm.Status", "Former"), ("StatusForm.From", "2025-06-01"));
        Assert.NotEqual(HttpStatusCode.Redirect, response.StatusCode);
        var member = await (await delegateClient.GetPathAsync("/api/v1/members/ITA")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("member", member.Str("status"));
    }

    [Fact]
    public async Task The_member_form_registers_with_a_label_and_keeps_what_was_typed_when_refused()
    {
        using var secretariat = await app.SecretariatAsync();
        var refused = await PageForms.PostFormAsync(secretariat, "/registry/members/new", "member",
            ("Input.Kind", "State"), ("Input.Code", "XXA"), ("Input.Name", "Typed <name>"), ("Input.Label.Classification", "RESTRICTED"));
        var html = await HtmlAsync(refused, HttpStatusCode.OK);
        Assert.Contains("is not an ISO 3166-1 alpha-3 country code", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Typed &lt;name&gt;\"", html, StringComparison.Ordinal);

        var code = RegistryTestClient.NewOrganisationCode();
        var accepted = await PageForms.PostFormAsync(secretariat, "/registry/members/new", "member",
            ("Input.Kind", "Organisation"), ("Input.Code", code), ("Input.Name", "Form Registered Body"),
            ("Input.Label.Classification", "CONFIDENTIAL"), ("Input.Label.ReleasableTo", "GBR"), ("Input.Label.ReleasableTo", "CSEC"),
            ("Input.Label.Tlp", "AmberStrict"), ("Input.Label.Categories", "OPS"));
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var member = await (await secretariat.GetPathAsync($"/api/v1/members/{code}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("CONFIDENTIAL · REL TO CSEC, GBR · TLP:AMBER+STRICT", member.GetProperty("label").Str("marking"));

        var lockedOut = await PageForms.PostFormAsync(secretariat, $"/registry/members/{code}/edit", "member",
            ("Input.Name", "Form Registered Body"), ("Input.Label.Classification", "CONFIDENTIAL"), ("Input.Label.ReleasableTo", "GBR"), ("Input.Label.Originator", "GBR"));
        var error = await HtmlAsync(lockedOut, HttpStatusCode.OK);
        Assert.Contains("You could not read a record with this label", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_members_own_delegates_and_the_Secretariat_open_its_delegate_form()
    {
        using var fra = await app.DelegateAsync("FRA", ClassificationLevels.Confidential);
        var mine = await HtmlAsync(await fra.GetPathAsync("/registry/members/FRA/delegates/new"), HttpStatusCode.OK);
        Assert.Contains("Label of the delegate record", mine, StringComparison.Ordinal);
        await HtmlAsync(await fra.GetPathAsync("/registry/members/GBR/delegates/new"), HttpStatusCode.Forbidden);

        var added = await PageForms.PostFormAsync(fra, "/registry/members/FRA/delegates/new", "delegate",
            ("Input.FullName", "Conseiller du formulaire"), ("Input.Label.Classification", "RESTRICTED"), ("Input.Label.Categories", "PERS"));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var list = await (await fra.GetPathAsync("/api/v1/members/FRA/delegates?pageSize=200")).JsonAsync(HttpStatusCode.OK);
        var created = Assert.Single(list.GetProperty("items").EnumerateArray(), d => d.Str("fullName") == "Conseiller du formulaire");
        Assert.Equal("FRA", created.GetProperty("label").Str("originator"));
    }
}

public sealed class RegistryPagesTestsOnSqlite(SqliteApp app) : RegistryPagesTests<SqliteApp>(app);

public sealed class RegistryPagesTestsOnPostgres(PostgresApp app) : RegistryPagesTests<PostgresApp>(app);
