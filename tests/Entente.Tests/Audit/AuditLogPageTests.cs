using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Entente.Demo;
using Entente.Infrastructure.Labels;
using Entente.Modules.Identity.Domain;
using Entente.Testing;

namespace Entente.Tests.Audit;

/// <summary>The <c>/audit</c> page: administrators read, filter and verify the log without JavaScript.</summary>
public abstract partial class AuditLogPageTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_administrator_reads_the_entries_a_filter_selects_and_the_form_keeps_the_filter()
    {
        using var client = await AdministratorAsync();
        var actor = await app.CreateUserAsync(Roles.Delegate, "FRA", ClassificationLevels.Restricted);
        var id = await app.AsUserAsync(actor, async db =>
        {
            var person = Entente.Modules.Registry.Domain.Representative.Appoint("FRA", "Adviser of the page test", null, null, null, false, null,
                Label.Create(ClassificationLevels.Restricted), DateTime.UtcNow).Value!;
            db.Delegates.Add(person);
            await db.SaveChangesAsync(Ct);
            return person.Id;
        });

        var html = await client.GetStringAsync(new Uri($"/audit?actor={actor.UserName}&action=create", UriKind.Relative), Ct);

        Assert.Contains($"value=\"{actor.UserName}\"", html, StringComparison.Ordinal);
        Assert.Contains("1 entry matches", html, StringComparison.Ordinal);
        Assert.Contains($"entityId={id}", html, StringComparison.Ordinal);
        Assert.Contains("Adviser of the page test", html, StringComparison.Ordinal);
        Assert.Single(Rows().Matches(html));
    }

    [Fact]
    public async Task A_filter_that_is_not_a_date_is_explained_next_to_the_field_and_kept()
    {
        using var client = await AdministratorAsync();

        var html = await client.GetStringAsync(new Uri("/audit?from=31%2F01%2F2026", UriKind.Relative), Ct);

        Assert.Contains("is not a date (2026-01-31)", html, StringComparison.Ordinal);
        Assert.Contains("value=\"31/01/2026\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"error-from\"", html, StringComparison.Ordinal);
        Assert.Empty(Rows().Matches(html));
    }

    [Fact]
    public async Task Verifying_from_the_page_shows_an_intact_chain()
    {
        using var client = await AdministratorAsync(cookies: true);

        var html = await PostVerifyAsync(client, "/audit");

        Assert.Contains("The chain is intact.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verifying_a_tampered_chain_from_the_page_highlights_the_first_bad_entry_and_links_to_it()
    {
        using var client = await AdministratorAsync(cookies: true);
        await using var snapshot = await ChainSnapshot.TakeAsync(app);
        await app.ExecuteSqlAsync("UPDATE audit_entries SET actor_name = 'someone-else' WHERE sequence = 4");

        var html = await PostVerifyAsync(client, "/audit?toSequence=10");

        Assert.Contains("The chain is broken at entry #4.", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/audit?toSequence=4#entry-4\"", html, StringComparison.Ordinal);
        Assert.Matches("<tr id=\"entry-4\" class=\"bad\"", html);
    }

    [Fact]
    public async Task People_who_are_not_administrators_cannot_open_the_audit_log()
    {
        using var secretariat = await app.ClientAsync(Roles.Secretariat, DemoSeeder.SecretariatCode, ClassificationLevels.Secret);
        Assert.Equal(HttpStatusCode.Forbidden, (await secretariat.GetAsync(new Uri("/audit", UriKind.Relative), Ct)).StatusCode);

        using var anonymous = app.Anonymous();
        var response = await anonymous.GetAsync(new Uri("/audit", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/sign-in", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    private async Task<HttpClient> AdministratorAsync(bool cookies = false)
    {
        var user = await app.CreateUserAsync(Roles.Administrator, DemoSeeder.SecretariatCode, ClassificationLevels.Secret, twoFactor: true);
        if (!cookies)
        {
            return await app.ClientAsync(user);
        }

        var client = app.CookieClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.IssueTokenAsync(user, "page"));
        return client;
    }

    /// <summary>Loads the page (for its antiforgery token) and submits the "Verify the chain now" form.</summary>
    private static async Task<string> PostVerifyAsync(HttpClient client, string path)
    {
        var response = await PageForms.PostFormAsync(client, path, "verify-chain");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    [GeneratedRegex("<tr id=\"entry-\\d+\"")]
    private static partial Regex Rows();
}

public sealed class AuditLogPageTestsOnSqlite(SqliteApp app) : AuditLogPageTests<SqliteApp>(app);

public sealed class AuditLogPageTestsOnPostgres(PostgresApp app) : AuditLogPageTests<PostgresApp>(app);
