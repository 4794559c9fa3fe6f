using System.Net;
using System.Text.Json;
using Entente.Infrastructure.Labels;
using Entente.Modules.Audit.Domain;
using Entente.Modules.Identity.Domain;
using Entente.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Entente.Tests.Identity;

public abstract class SignInTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_delegate_signs_in_with_the_form_and_the_session_reaches_pages_and_the_API()
    {
        var user = await app.CreateUserAsync(Roles.Delegate, "GBR", ClassificationLevels.Confidential);
        using var client = app.CookieClient();

        var response = await AccountForms.SignInAsync(client, user, returnUrl: "/account");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account", AccountForms.PathOf(response));
        var (profile, html) = await AccountForms.GetPageAsync(client, "/account");
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
        Assert.Contains(user.UserName, html, StringComparison.Ordinal);
        using var me = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/v1/me", UriKind.Relative), Ct));
        Assert.Equal(user.UserName, me.RootElement.GetProperty("userName").GetString());
        Assert.Equal("GBR", me.RootElement.GetProperty("member").GetString());
        Assert.Equal("CONFIDENTIAL", me.RootElement.GetProperty("clearance").GetString());
        var lastSeen = await app.DbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.LastSeenAt).SingleAsync(Ct));
        Assert.NotNull(lastSeen);
        Assert.True(await HasAuditAsync(AuditActions.SignIn, user.Id));
    }

    [Fact]
    public async Task The_e_mail_address_works_as_the_sign_in_name()
    {
        var user = await app.CreateUserAsync(Roles.Analyst, "CSEC", ClassificationLevels.Restricted);
        using var client = app.CookieClient();

        var (response, _) = await AccountForms.PostPasswordAsync(client, $"{user.UserName}@tests.invalid", user.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", AccountForms.PathOf(response));
    }

    [Fact]
    public async Task An_unknown_user_and_a_wrong_password_get_the_same_message_and_are_audited_without_the_password()
    {
        var user = await app.CreateUserAsync(Roles.Delegate, "FRA", ClassificationLevels.Restricted);
        using var client = app.CookieClient();

        var (unknown, unknownHtml) = await AccountForms.PostPasswordAsync(client, "nobody-by-this-name", "guessed-password-1");
        var (wrong, wrongHtml) = await AccountForms.PostPasswordAsync(client, user.UserName, "guessed-password-2");

        const string message = "The user name or password is not correct.";
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains(message, unknownHtml, StringComparison.Ordinal);
        Assert.Contains(message, wrongHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("guessed-password-2", wrongHtml, StringComparison.Ordinal);
        var failures = await app.DbAsync(db => db.AuditEntries.Where(e => e.Action == AuditActions.SignInFailed).Select(e => e.Details ?? "").ToListAsync(Ct));
        Assert.Contains(failures, d => d.Contains("nobody-by-this-name", StringComparison.Ordinal) && d.Contains("unknown-user", StringComparison.Ordinal));
        Assert.Contains(failures, d => d.Contains(user.UserName, StringComparison.Ordinal) && d.Contains("wrong-password", StringComparison.Ordinal));
        Assert.DoesNotContain(failures, d => d.Contains("guessed-password", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Five_failures_lock_the_account_and_even_the_right_password_then_waits()
    {
        var user = await app.CreateUserAsync(Roles.Monitor, "CSEC", ClassificationLevels.Restricted);
        using var client = app.CookieClient();

        string html = "";
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            (_, html) = await AccountForms.PostPasswordAsync(client, user.UserName, $"wrong-password-{attempt}");
        }

        Assert.Contains("this account is locked until", html, StringComparison.Ordinal);
        Assert.Contains("UTC", html, StringComparison.Ordinal);
        var (afterwards, afterwardsHtml) = await AccountForms.PostPasswordAsync(client, user.UserName, user.Password);
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
        Assert.Contains("this account is locked until", afterwardsHtml, StringComparison.Ordinal);
        Assert.True(await HasAuditAsync(AuditActions.LockedOut, user.Id));
        var lockoutEnd = await app.DbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.LockoutEnd).SingleAsync(Ct));
        Assert.NotNull(lockoutEnd);
        Assert.InRange(lockoutEnd.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
    }

    [Fact]
    public async Task An_administrator_signs_in_with_password_and_authenticator_code_and_may_administer()
    {
        var admin = await app.CreateUserAsync(Roles.Administrator, "CSEC", ClassificationLevels.Secret, twoFactor: true);
        using var client = app.CookieClient();

        var (password, _) = await AccountForms.PostPasswordAsync(client, admin.UserName, admin.Password, returnUrl: "/admin/users");
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        Assert.StartsWith("/account/sign-in/two-factor", AccountForms.PathOf(password), StringComparison.Ordinal);
        var (wrongCode, wrongHtml) = await AccountForms.SubmitAsync(client, AccountForms.PathOf(password), "sign-in-code",
            new Dictionary<string, string> { ["Input.Code"] = OtherCode(admin.CurrentCode()) });
        Assert.Equal(HttpStatusCode.OK, wrongCode.StatusCode);
        Assert.Contains("That code is not valid", wrongHtml, StringComparison.Ordinal);
        var (code, _) = await AccountForms.SubmitAsync(client, AccountForms.PathOf(password), "sign-in-code",
            new Dictionary<string, string> { ["Input.Code"] = admin.CurrentCode() });

        Assert.Equal(HttpStatusCode.Redirect, code.StatusCode);
        Assert.Equal("/admin/users", AccountForms.PathOf(code));
        var (users, usersHtml) = await AccountForms.GetPageAsync(client, "/admin/users");
        Assert.Equal(HttpStatusCode.OK, users.StatusCode);
        Assert.Contains(admin.UserName, usersHtml, StringComparison.Ordinal);
        var api = await client.GetAsync(new Uri("/api/v1/users", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        var signIns = await app.DbAsync(db => db.AuditEntries.Where(e => e.Action == AuditActions.SignIn && e.EntityId == admin.Id.ToString("D")).Select(e => e.Details).ToListAsync(Ct));
        Assert.Contains(signIns, d => d!.Contains("mfa", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_recovery_code_replaces_the_authenticator_once()
    {
        var admin = await app.CreateUserAsync(Roles.Administrator, "CSEC", ClassificationLevels.Secret, twoFactor: true);
        var codes = await app.AsSystemAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<EntenteUser>>();
            return (await users.GenerateNewTwoFactorRecoveryCodesAsync((await users.FindByIdAsync(admin.Id.ToString()))!, 10))!.ToList();
        });

        using var first = app.CookieClient();
        var (password, _) = await AccountForms.PostPasswordAsync(first, admin.UserName, admin.Password);
        var (recovered, _) = await AccountForms.SubmitAsync(first, "/account/sign-in/recovery", "sign-in-recovery",
            new Dictionary<string, string> { ["Input.Code"] = codes[0].ToLowerInvariant() });
        Assert.StartsWith("/account/sign-in/two-factor", AccountForms.PathOf(password), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, recovered.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync(new Uri("/api/v1/users", UriKind.Relative), Ct)).StatusCode);

        using var second = app.CookieClient();
        await AccountForms.PostPasswordAsync(second, admin.UserName, admin.Password);
        var (reused, reusedHtml) = await AccountForms.SubmitAsync(second, "/account/sign-in/recovery", "sign-in-recovery",
            new Dictionary<string, string> { ["Input.Code"] = codes[0] });
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.Contains("not valid, or it was used before", reusedHtml, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://evil.example/phish")]
    [InlineData("//evil.example/phish")]
    [InlineData("/\\evil.example/phish")]
    public async Task A_return_address_on_another_site_is_ignored(string returnUrl)
    {
        var user = await app.CreateUserAsync(Roles.Delegate, "POL", ClassificationLevels.Restricted);
        using var client = app.CookieClient();

        var (response, _) = await AccountForms.PostPasswordAsync(client, user.UserName, user.Password, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", AccountForms.PathOf(response));
    }

    [Fact]
    public async Task A_disabled_user_cannot_sign_in_and_their_open_session_ends()
    {
        var user = await app.CreateUserAsync(Roles.Delegate, "DEU", ClassificationLevels.Restricted);
        using var session = app.CookieClient();
        await AccountForms.SignInAsync(session, user);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct)).StatusCode);

        var disabled = await app.AsSystemAsync(sp => Modules.Identity.Features.UserAdministration.SetDisabledAsync(sp, user.UserName, disabled: true));
        Assert.True(disabled.IsSuccess);

        Assert.Equal(HttpStatusCode.Unauthorized, (await session.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct)).StatusCode);
        using var fresh = app.CookieClient();
        var (response, html) = await AccountForms.PostPasswordAsync(fresh, user.UserName, user.Password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("This account is disabled", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_out_takes_a_post_with_the_antiforgery_token_and_ends_the_session()
    {
        var user = await app.CreateUserAsync(Roles.Analyst, "CSEC", ClassificationLevels.Confidential);
        using var client = app.CookieClient();
        await AccountForms.SignInAsync(client, user);

        var (forged, _) = await AccountForms.PostAsync(client, "/account/sign-out", null, new Dictionary<string, string>(), token: null);
        Assert.Equal(HttpStatusCode.Redirect, forged.StatusCode);
        Assert.Equal("/account/sign-out", AccountForms.PathOf(forged));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct)).StatusCode);

        var (confirm, confirmHtml) = await AccountForms.GetPageAsync(client, "/account/sign-out");
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        var (signedOut, _) = await AccountForms.PostAsync(client, "/account/sign-out", null, new Dictionary<string, string>(), AccountForms.TokenOf(confirmHtml));

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal("/account/sign-in", AccountForms.PathOf(signedOut));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct)).StatusCode);
        Assert.True(await HasAuditAsync(AuditActions.SignOut, user.Id));
    }

    [Fact]
    public async Task Pages_of_the_platform_send_anonymous_visitors_to_sign_in_and_back()
    {
        using var client = app.CookieClient();

        var response = await client.GetAsync(new Uri("/account/tokens", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/sign-in?ReturnUrl=%2Faccount%2Ftokens", AccountForms.PathOf(response));
        var (signIn, html) = await AccountForms.GetPageAsync(client, "/account/sign-in");
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("User name or e-mail address", html, StringComparison.Ordinal);
    }

    private Task<bool> HasAuditAsync(string action, Guid userId) =>
        app.DbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == action && e.EntityId == userId.ToString("D"), Ct));

    /// <summary>A six-digit code that is not <paramref name="code"/>.</summary>
    private static string OtherCode(string code) => code == "000000" ? "111111" : "000000";
}

public sealed class SignInTestsOnSqlite(SqliteApp app) : SignInTests<SqliteApp>(app);

public sealed class SignInTestsOnPostgres(PostgresApp app) : SignInTests<PostgresApp>(app);
