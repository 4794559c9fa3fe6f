using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Entente.Infrastructure.Labels;
using Entente.Modules.Audit.Domain;
using Entente.Modules.Identity.Domain;
using Entente.Modules.Identity.Features;
using Entente.Testing;
using Microsoft.EntityFrameworkCore;

namespace Entente.Tests.Identity;

public abstract class ApiTokensApiTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_issued_token_acts_as_its_user_and_is_listed_without_its_secret()
    {
        var user = await app.CreateUserAsync(Roles.Monitor, "CSEC", ClassificationLevels.Restricted);
        using var client = app.CookieClient();
        await AccountForms.SignInAsync(client, user);

        var response = await client.PostAsJsonAsync("/api/v1/me/tokens", new { name = "sensor feed east", lifetimeDays = 30 }, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var issued = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var text = issued.RootElement.GetProperty("text").GetString()!;
        Assert.StartsWith("ent_", text, StringComparison.Ordinal);
        Assert.Equal("active", issued.RootElement.GetProperty("token").GetProperty("state").GetString());
        var expires = issued.RootElement.GetProperty("token").GetProperty("expiresAt").GetDateTime();
        Assert.InRange(expires - DateTime.UtcNow, TimeSpan.FromDays(29.9), TimeSpan.FromDays(30));

        using var feed = Bearer(text);
        using var me = JsonDocument.Parse(await feed.GetStringAsync(new Uri("/api/v1/me", UriKind.Relative), Ct));
        Assert.Equal(user.UserName, me.RootElement.GetProperty("userName").GetString());
        Assert.StartsWith("token:", me.RootElement.GetProperty("authenticatedBy").GetString(), StringComparison.Ordinal);
        var list = await feed.GetStringAsync(new Uri("/api/v1/me/tokens", UriKind.Relative), Ct);
        Assert.Contains("sensor feed east", list, StringComparison.Ordinal);
        // The secret is everything after "ent_{id}_"; it may itself contain underscores.
        Assert.DoesNotContain(text[(text.IndexOf('_', 4) + 1)..], list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_api_token_cannot_issue_another_token()
    {
        var user = await app.CreateUserAsync(Roles.Monitor, "CSEC", ClassificationLevels.Restricted);
        using var client = await app.ClientAsync(user);

        var response = await client.PostAsJsonAsync("/api/v1/me/tokens", new { name = "self-renewing feed", lifetimeDays = 366 }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("/problems/identity.token-cannot-issue-tokens", problem.RootElement.GetProperty("type").GetString());
        Assert.Equal(1, await app.DbAsync(db => db.ApiTokens.CountAsync(t => t.UserId == user.Id, Ct)));
    }

    [Fact]
    public async Task An_api_token_sees_no_way_to_issue_tokens_on_the_tokens_page()
    {
        var user = await app.CreateUserAsync(Roles.Monitor, "CSEC", ClassificationLevels.Restricted);
        using var client = await app.ClientAsync(user);

        var page = await client.GetAsync(new Uri("/account/tokens", UriKind.Relative), Ct);
        var html = await page.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("An API token cannot issue tokens", html, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"issue-token\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_token_is_refused_and_the_refusal_is_audited()
    {
        var user = await app.CreateUserAsync(Roles.Delegate, "GBR", ClassificationLevels.Restricted);
        var text = await app.IssueTokenAsync(user, "to revoke");
        var id = IdOf(text);
        using var owner = await app.ClientAsync(user);

        var revoke = await owner.DeleteAsync(new Uri($"/api/v1/me/tokens/{id:D}", UriKind.Relative), Ct);
        var again = await owner.DeleteAsync(new Uri($"/api/v1/me/tokens/{id:D}", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        using var revoked = Bearer(text);
        Assert.Equal(HttpStatusCode.Unauthorized, (await revoked.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct)).StatusCode);
        Assert.True(await RejectionAuditedAsync(id, "revoked token"));
    }

    [Fact]
    public async Task An_expired_token_is_refused_and_the_refusal_is_audited()
    {
        var user = await app.CreateUserAsync(Roles.Delegate, "FRA", ClassificationLevels.Restricted);
        var text = await app.IssueTokenAsync(user, "to expire");
        var id = IdOf(text);
        var past = DateTime.UtcNow.AddMinutes(-1);
        await app.DbAsync(db => db.ApiTokens.Where(t => t.Id == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, past), Ct));

        using var expired = Bearer(text);
        var response = await expired.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.True(await RejectionAuditedAsync(id, "expired token"));
    }

    [Fact]
    public async Task A_disabled_users_tokens_stop_at_once_and_work_again_when_enabled()
    {
        var user = await app.CreateUserAsync(Roles.Analyst, "CSEC", ClassificationLevels.Confidential);
        var text = await app.IssueTokenAsync(user, "analysis script");
        using var client = Bearer(text);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct)).StatusCode);

        await app.AsSystemAsync(sp => UserAdministration.SetDisabledAsync(sp, user.UserName, disabled: true, Ct));
        var refused = await client.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct);
        await app.AsSystemAsync(sp => UserAdministration.SetDisabledAsync(sp, user.UserName, disabled: false, Ct));
        var accepted = await client.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.True(await RejectionAuditedAsync(IdOf(text), "user disabled"));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Theory]
    [InlineData(Roles.Administrator)]
    [InlineData(Roles.Secretariat)]
    public async Task A_token_of_staff_whose_role_requires_two_factor_works_only_while_an_authenticator_is_enrolled(string role)
    {
        var without = await app.CreateUserAsync(role, "CSEC", ClassificationLevels.Secret);
        var with = await app.CreateUserAsync(role, "CSEC", ClassificationLevels.Secret, twoFactor: true);
        var withoutText = await app.IssueTokenAsync(without, "issued by the operator");
        using var refusedClient = Bearer(withoutText);
        using var acceptedClient = await app.ClientAsync(with);

        var refused = await refusedClient.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct);
        var accepted = await acceptedClient.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.True(await RejectionAuditedAsync(IdOf(withoutText), "two-factor authentication required"));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        using var me = JsonDocument.Parse(await accepted.Content.ReadAsStringAsync(Ct));
        Assert.True(me.RootElement.GetProperty("twoFactorRequired").GetBoolean());
    }

    [Fact]
    public async Task A_token_of_a_user_who_must_replace_a_one_time_password_is_refused()
    {
        var user = await app.CreateUserAsync(Roles.Analyst, "CSEC", ClassificationLevels.Confidential);
        var text = await app.IssueTokenAsync(user, "analysis script");
        await app.DbAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.PasswordChangeRequired, true), Ct));
        using var client = Bearer(text);

        var response = await client.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.True(await RejectionAuditedAsync(IdOf(text), "password change required"));
    }

    [Fact]
    public async Task Failed_password_sign_ins_that_lock_an_account_do_not_stop_its_tokens()
    {
        var user = await app.CreateUserAsync(Roles.Monitor, "CSEC", ClassificationLevels.Restricted);
        using var feed = await app.ClientAsync(user);
        using var browser = app.CookieClient();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await AccountForms.PostPasswordAsync(browser, user.UserName, "not the password at all");
        }

        var locked = await app.DbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.LockoutEnd).SingleAsync(Ct));
        var response = await feed.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct);

        Assert.True(locked > DateTimeOffset.UtcNow, "the account should be locked out");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("reset-password", "password reset")]
    [InlineData("reset-two-factor", "two-factor reset")]
    public async Task An_administrator_resetting_a_password_or_authenticator_revokes_every_token_of_the_user(string action, string reason)
    {
        var admin = await app.CreateUserAsync(Roles.Administrator, "CSEC", ClassificationLevels.Secret, twoFactor: true);
        using var client = await app.ClientAsync(admin);
        var user = await app.CreateUserAsync(Roles.Monitor, "CSEC", ClassificationLevels.Restricted, twoFactor: true);
        var first = await app.IssueTokenAsync(user, "sensor north");
        var second = await app.IssueTokenAsync(user, "sensor south");

        var response = await client.PostAsync(new Uri($"/api/v1/users/{user.Id:D}/{action}", UriKind.Relative), null, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var text in new[] { first, second })
        {
            using var feed = Bearer(text);
            Assert.Equal(HttpStatusCode.Unauthorized, (await feed.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct)).StatusCode);
            Assert.True(await RejectionAuditedAsync(IdOf(text), "revoked token"));
        }

        var revokedBy = await app.DbAsync(db => db.ApiTokens.Where(t => t.UserId == user.Id).Select(t => t.RevokedBy).ToListAsync(Ct));
        Assert.All(revokedBy, by => Assert.Equal($"{admin.UserName} ({reason})", by));
    }

    [Fact]
    public async Task A_user_cannot_see_or_revoke_another_users_token()
    {
        var owner = await app.CreateUserAsync(Roles.Delegate, "POL", ClassificationLevels.Restricted);
        var other = await app.CreateUserAsync(Roles.Delegate, "DEU", ClassificationLevels.Restricted);
        var text = await app.IssueTokenAsync(owner, "owner's feed");
        using var client = await app.ClientAsync(other);

        var revoke = await client.DeleteAsync(new Uri($"/api/v1/me/tokens/{IdOf(text):D}", UriKind.Relative), Ct);
        var list = await client.GetStringAsync(new Uri("/api/v1/me/tokens", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.NotFound, revoke.StatusCode);
        Assert.DoesNotContain("owner's feed", list, StringComparison.Ordinal);
        using var feed = Bearer(text);
        Assert.Equal(HttpStatusCode.OK, (await feed.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct)).StatusCode);
    }

    [Theory]
    [InlineData("""{"name":"feed","lifetimeDays":400}""", "lifetimeDays")]
    [InlineData("""{"name":"","lifetimeDays":30}""", "name")]
    [InlineData("""{"lifetimeDays":30}""", "name")]
    public async Task An_invalid_token_request_gets_a_validation_problem_and_issues_nothing(string body, string field)
    {
        var user = await app.CreateUserAsync(Roles.Monitor, "CSEC", ClassificationLevels.Restricted);
        using var client = await app.ClientAsync(user);

        var response = await client.PostAsync(new Uri("/api/v1/me/tokens", UriKind.Relative), Json(body), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("/problems/validation", problem.RootElement.GetProperty("type").GetString());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}");
        Assert.Equal(1, await app.DbAsync(db => db.ApiTokens.CountAsync(t => t.UserId == user.Id, Ct)));
    }

    [Theory]
    [InlineData("""{"name":""")]
    [InlineData("""{"name":"feed","lifetimeDays":"soon"}""")]
    [InlineData("""{"name":"feed","scopes":["all"]}""")]
    public async Task A_malformed_token_request_gets_a_malformed_request_problem(string body)
    {
        var user = await app.CreateUserAsync(Roles.Monitor, "CSEC", ClassificationLevels.Restricted);
        using var client = await app.ClientAsync(user);

        var response = await client.PostAsync(new Uri("/api/v1/me/tokens", UriKind.Relative), Json(body), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("/problems/malformed-request", problem.RootElement.GetProperty("type").GetString());
        Assert.Equal("/api/v1/me/tokens", problem.RootElement.GetProperty("instance").GetString());
        Assert.Equal(1, await app.DbAsync(db => db.ApiTokens.CountAsync(t => t.UserId == user.Id, Ct)));
    }

    [Fact]
    public async Task An_administrator_lists_and_revokes_any_token()
    {
        var admin = await app.CreateUserAsync(Roles.Administrator, "CSEC", ClassificationLevels.Secret, twoFactor: true);
        var user = await app.CreateUserAsync(Roles.Monitor, "CSEC", ClassificationLevels.Restricted);
        var text = await app.IssueTokenAsync(user, "field sensor 7");
        using var client = await app.ClientAsync(admin);

        using var list = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/v1/tokens?search=field%20sensor&state=active", UriKind.Relative), Ct));
        var item = Assert.Single(list.RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal(user.UserName, item.GetProperty("userName").GetString());
        var revoke = await client.DeleteAsync(new Uri($"/api/v1/tokens/{IdOf(text):D}", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        using var feed = Bearer(text);
        Assert.Equal(HttpStatusCode.Unauthorized, (await feed.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct)).StatusCode);
        var revokedBy = await app.DbAsync(db => db.ApiTokens.Where(t => t.Id == IdOf(text)).Select(t => t.RevokedBy).SingleAsync(Ct));
        Assert.Equal(admin.UserName, revokedBy);
    }

    private HttpClient Bearer(string token)
    {
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static Guid IdOf(string token) => Guid.ParseExact(token.Split('_')[1], "N");

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private Task<bool> RejectionAuditedAsync(Guid tokenId, string reason) =>
        app.DbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.TokenRejected
            && e.EntityId == tokenId.ToString("D") && e.Details!.Contains(reason), Ct));
}

public sealed class ApiTokensApiTestsOnSqlite(SqliteApp app) : ApiTokensApiTests<SqliteApp>(app);

public sealed class ApiTokensApiTestsOnPostgres(PostgresApp app) : ApiTokensApiTests<PostgresApp>(app);
