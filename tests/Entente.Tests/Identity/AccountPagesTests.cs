using System.Net;
using System.Security.Claims;
using System.Text.Json;
using System.Text.RegularExpressions;
using Entente.Infrastructure.Labels;
using Entente.Modules.Audit.Domain;
using Entente.Modules.Identity.Domain;
using Entente.Modules.Identity.Features;
using Entente.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Entente.Tests.Identity;

public abstract partial class AccountPagesTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Secretariat_staff_without_an_authenticator_are_confined_to_enrolment_until_they_enrol()
    {
        var staff = await app.CreateUserAsync(Roles.Secretariat, "CSEC", ClassificationLevels.Secret);
        using var client = app.CookieClient();

        var signIn = await AccountForms.SignInAsync(client, staff, returnUrl: "/ledger");
        Assert.Equal("/account/two-factor?required=1&returnUrl=%2Fledger", AccountForms.PathOf(signIn));
        var page = await client.GetAsync(new Uri("/ledger", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/account/two-factor?required=1&returnUrl=%2Fledger", AccountForms.PathOf(page));
        var api = await client.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Equal("/problems/two-factor-required", await ProblemTypeAsync(api));

        var (enrolment, html) = await AccountForms.GetPageAsync(client, "/account/two-factor?required=1&returnUrl=%2Fledger");
        Assert.Equal(HttpStatusCode.OK, enrolment.StatusCode);
        Assert.Contains("Your role (Secretariat) requires two-factor", html, StringComparison.Ordinal);
        Assert.Contains("src=\"data:image/svg+xml;base64,", html, StringComparison.Ordinal);
        var key = await StoredKeyAsync(staff.Id);
        Assert.Contains(FormatKey(key), html, StringComparison.Ordinal);

        var (enabled, enabledHtml) = await AccountForms.PostAsync(client, "/account/two-factor?required=1&returnUrl=%2Fledger", "two-factor-enable",
            new Dictionary<string, string> { ["EnableInput.Code"] = Totp(key) }, AccountForms.TokenOf(html));

        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        Assert.Equal(10, RecoveryCode().Count(enabledHtml));
        Assert.Contains("href=\"/ledger\"", enabledHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/ledger", UriKind.Relative), Ct)).StatusCode);
        Assert.True(await app.DbAsync(db => db.Users.Where(u => u.Id == staff.Id).Select(u => u.TwoFactorEnabled).SingleAsync(Ct)));
        Assert.True(await app.DbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.TwoFactorEnabled && e.EntityId == staff.Id.ToString("D"), Ct)));
    }

    [Fact]
    public async Task Re_validating_a_session_keeps_the_second_factor_it_signed_in_with()
    {
        // Every minute the cookie's principal is rebuilt from the database; Identity itself would drop the amr claim
        // and send staff back to enrolment. The platform's refresh hook carries it over.
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecurityStampValidatorOptions>>().Value;
        var current = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim("amr", "mfa"), new Claim(ClaimTypes.Name, "staff")], "Identity.Application"));
        var rebuilt = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "staff")], "Identity.Application"));
        var context = new SecurityStampRefreshingPrincipalContext { CurrentPrincipal = current, NewPrincipal = rebuilt };

        Assert.NotNull(options.OnRefreshingPrincipal);
        await options.OnRefreshingPrincipal(context);

        Assert.True(context.NewPrincipal!.HasClaim("amr", "mfa"));
        Assert.Single(context.NewPrincipal.FindAll("amr"));
    }

    [Fact]
    public async Task A_delegate_may_turn_two_factor_off_with_a_current_code_but_an_administrator_may_not()
    {
        var delegateUser = await app.CreateUserAsync(Roles.Delegate, "GBR", ClassificationLevels.Restricted, twoFactor: true);
        using var delegateClient = app.CookieClient();
        await AccountForms.SignInAsync(delegateClient, delegateUser);

        var (wrong, wrongHtml) = await AccountForms.SubmitAsync(delegateClient, "/account/two-factor", "two-factor-disable",
            new Dictionary<string, string> { ["DisableInput.Code"] = "12345" });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("The code has 6 digits.", wrongHtml, StringComparison.Ordinal);
        var (off, _) = await AccountForms.SubmitAsync(delegateClient, "/account/two-factor", "two-factor-disable",
            new Dictionary<string, string> { ["DisableInput.Code"] = delegateUser.CurrentCode() });
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.False(await app.DbAsync(db => db.Users.Where(u => u.Id == delegateUser.Id).Select(u => u.TwoFactorEnabled).SingleAsync(Ct)));
        Assert.True(await app.DbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.TwoFactorDisabled && e.EntityId == delegateUser.Id.ToString("D"), Ct)));

        var admin = await app.CreateUserAsync(Roles.Administrator, "CSEC", ClassificationLevels.Secret, twoFactor: true);
        using var adminClient = app.CookieClient();
        await AccountForms.SignInAsync(adminClient, admin);
        var (page, html) = await AccountForms.GetPageAsync(adminClient, "/account/two-factor");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("cannot be turned off", html, StringComparison.Ordinal);
        Assert.DoesNotContain("two-factor-disable", html, StringComparison.Ordinal);
        var (refused, _) = await AccountForms.PostAsync(adminClient, "/account/two-factor", "two-factor-disable",
            new Dictionary<string, string> { ["DisableInput.Code"] = admin.CurrentCode() }, AccountForms.TokenOf(html));
        Assert.NotEqual(HttpStatusCode.InternalServerError, refused.StatusCode);
        Assert.True(await app.DbAsync(db => db.Users.Where(u => u.Id == admin.Id).Select(u => u.TwoFactorEnabled).SingleAsync(Ct)));
    }

    [Fact]
    public async Task A_one_time_password_must_be_replaced_before_anything_else_and_a_weak_one_is_refused()
    {
        var (user, oneTimePassword) = await CreateWithOneTimePasswordAsync(Roles.Delegate, "NLD");
        using var client = app.CookieClient();

        var (signIn, _) = await AccountForms.PostPasswordAsync(client, user, oneTimePassword, returnUrl: "/account/tokens");
        Assert.Equal("/account/password?required=1&returnUrl=%2Faccount%2Ftokens", AccountForms.PathOf(signIn));
        var api = await client.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Equal("/problems/password-change-required", await ProblemTypeAsync(api));
        var (_, form) = await AccountForms.GetPageAsync(client, "/account/password?required=1&returnUrl=%2Faccount%2Ftokens");
        Assert.Contains("One-time password", form, StringComparison.Ordinal);

        var (weak, weakHtml) = await AccountForms.PostAsync(client, "/account/password?required=1&returnUrl=%2Faccount%2Ftokens", "change-password",
            new Dictionary<string, string> { ["Input.Current"] = oneTimePassword, ["Input.New"] = "aaaaaaaaaaaaaaaa", ["Input.Confirm"] = "aaaaaaaaaaaaaaaa" },
            AccountForms.TokenOf(form));
        Assert.Equal(HttpStatusCode.OK, weak.StatusCode);
        Assert.Contains("at least 5 different characters", weakHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(oneTimePassword, weakHtml, StringComparison.Ordinal);
        var (changed, _) = await AccountForms.PostAsync(client, "/account/password?required=1&returnUrl=%2Faccount%2Ftokens", "change-password",
            new Dictionary<string, string> { ["Input.Current"] = oneTimePassword, ["Input.New"] = "river lamp orange piano", ["Input.Confirm"] = "river lamp orange piano" },
            AccountForms.TokenOf(weakHtml));

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal("/account/tokens", AccountForms.PathOf(changed));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct)).StatusCode);
        using var again = app.CookieClient();
        var (old, _) = await AccountForms.PostPasswordAsync(again, user, oneTimePassword);
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        var (fresh, _) = await AccountForms.PostPasswordAsync(again, user, "river lamp orange piano");
        Assert.Equal(HttpStatusCode.Redirect, fresh.StatusCode);
    }

    [Fact]
    public async Task A_user_issues_a_token_on_the_tokens_page_sees_it_once_and_revokes_it()
    {
        var user = await app.CreateUserAsync(Roles.Monitor, "CSEC", ClassificationLevels.Restricted);
        using var client = app.CookieClient();
        await AccountForms.SignInAsync(client, user);

        var (invalid, invalidHtml) = await AccountForms.SubmitAsync(client, "/account/tokens", "issue-token",
            new Dictionary<string, string> { ["Input.Name"] = "feed", ["Input.LifetimeDays"] = "400" });
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        Assert.Contains("A token lives from 1 to 366 days.", invalidHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"feed\"", invalidHtml, StringComparison.Ordinal);
        var (issued, html) = await AccountForms.SubmitAsync(client, "/account/tokens", "issue-token",
            new Dictionary<string, string> { ["Input.Name"] = "sensor feed north", ["Input.LifetimeDays"] = "30" });
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        var token = TokenText().Match(html).Value;
        Assert.StartsWith("ent_", token, StringComparison.Ordinal);

        using var machine = app.Anonymous();
        machine.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await machine.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct)).StatusCode);
        var (list, listHtml) = await AccountForms.GetPageAsync(client, "/account/tokens");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains("sensor feed north", listHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(token, listHtml, StringComparison.Ordinal);

        var id = await app.DbAsync(db => db.ApiTokens.Where(t => t.UserId == user.Id).Select(t => t.Id).SingleAsync(Ct));
        var (revoked, _) = await AccountForms.PostAsync(client, "/account/tokens", $"revoke-{id:N}", new Dictionary<string, string>(), AccountForms.TokenOf(listHtml));
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await machine.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct)).StatusCode);
    }

    [Fact]
    public async Task Staff_confined_to_enrolment_cannot_issue_a_token_to_escape_it()
    {
        var staff = await app.CreateUserAsync(Roles.Secretariat, "CSEC", ClassificationLevels.Secret);
        using var client = app.CookieClient();
        await AccountForms.SignInAsync(client, staff);

        var (page, html) = await AccountForms.GetPageAsync(client, "/account/tokens");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("set up an authenticator", html, StringComparison.Ordinal);
        await AccountForms.PostAsync(client, "/account/tokens", "issue-token",
            new Dictionary<string, string> { ["Input.Name"] = "escape", ["Input.LifetimeDays"] = "30" }, AccountForms.TokenOf(html));

        Assert.False(await app.DbAsync(db => db.ApiTokens.AnyAsync(t => t.UserId == staff.Id, Ct)));
    }

    [Fact]
    public async Task A_user_holding_a_one_time_password_cannot_issue_a_token_before_choosing_a_password()
    {
        var (user, oneTimePassword) = await CreateWithOneTimePasswordAsync(Roles.Monitor, "CSEC");
        using var client = app.CookieClient();
        await AccountForms.PostPasswordAsync(client, user, oneTimePassword);

        var (page, html) = await AccountForms.GetPageAsync(client, "/account/tokens");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Choose your own password", html, StringComparison.Ordinal);
        await AccountForms.PostAsync(client, "/account/tokens", "issue-token",
            new Dictionary<string, string> { ["Input.Name"] = "escape", ["Input.LifetimeDays"] = "30" }, AccountForms.TokenOf(html));

        var id = await app.DbAsync(db => db.Users.Where(u => u.UserName == user).Select(u => u.Id).SingleAsync(Ct));
        Assert.False(await app.DbAsync(db => db.ApiTokens.AnyAsync(t => t.UserId == id, Ct)));
    }

    [Fact]
    public async Task A_delegate_is_refused_the_administration_pages()
    {
        var user = await app.CreateUserAsync(Roles.Delegate, "ITA", ClassificationLevels.Restricted);
        using var client = app.CookieClient();
        await AccountForms.SignInAsync(client, user);

        foreach (var path in new[] { "/admin/users", "/admin/users/new", $"/admin/users/{user.Id:D}", "/admin/tokens" })
        {
            var response = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/access-denied", AccountForms.PathOf(response), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_administrator_adds_a_user_on_the_page_and_gets_the_one_time_password_once()
    {
        var admin = await app.CreateUserAsync(Roles.Administrator, "CSEC", ClassificationLevels.Secret, twoFactor: true);
        using var client = app.CookieClient();
        await AccountForms.SignInAsync(client, admin);
        var userName = $"page-user-{Guid.NewGuid():N}"[..24];
        var fields = new Dictionary<string, string>
        {
            ["Input.UserName"] = userName,
            ["Input.Email"] = $"{userName}@tests.invalid",
            ["Input.DisplayName"] = "Added on the page",
            ["Input.Roles.Delegate"] = "true",
            ["Input.Member"] = "",
            ["Input.Clearance"] = "RESTRICTED",
        };

        var (missingMember, missingHtml) = await AccountForms.SubmitAsync(client, "/admin/users/new", "new-user", fields);
        Assert.Equal(HttpStatusCode.OK, missingMember.StatusCode);
        Assert.Contains("A delegate must belong to a member.", missingHtml, StringComparison.Ordinal);
        Assert.Contains($"value=\"{userName}\"", missingHtml, StringComparison.Ordinal);
        fields["Input.Member"] = "FRA";
        var (created, html) = await AccountForms.PostAsync(client, "/admin/users/new", "new-user", fields, AccountForms.TokenOf(missingHtml));

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var password = OneTimePassword().Match(html).Groups[1].Value;
        Assert.Equal(GeneratedPassword.Length, password.Length);
        var stored = await app.DbAsync(db => db.Users.SingleAsync(u => u.UserName == userName, Ct));
        Assert.Equal("FRA", stored.MemberCode);
        Assert.True(stored.PasswordChangeRequired);
        var (list, listHtml) = await AccountForms.GetPageAsync(client, $"/admin/users?q={userName}");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains(userName, listHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(password, listHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_can_neither_disable_nor_demote_themselves_on_their_user_page()
    {
        var admin = await app.CreateUserAsync(Roles.Administrator, "CSEC", ClassificationLevels.Secret, twoFactor: true);
        using var client = app.CookieClient();
        await AccountForms.SignInAsync(client, admin);

        var (page, html) = await AccountForms.GetPageAsync(client, $"/admin/users/{admin.Id:D}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("You cannot disable your own account.", html, StringComparison.Ordinal);
        var (posted, _) = await AccountForms.PostAsync(client, $"/admin/users/{admin.Id:D}", "edit-user", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Me",
            ["Input.Email"] = $"{admin.UserName}@tests.invalid",
            ["Input.Roles.Secretariat"] = "true",
            ["Input.Member"] = "CSEC",
            ["Input.Clearance"] = "SECRET",
        }, AccountForms.TokenOf(html));

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var roles = await app.AsSystemAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<EntenteUser>>();
            return await users.GetRolesAsync((await users.FindByIdAsync(admin.Id.ToString()))!);
        });
        Assert.Equal(Roles.Administrator, Assert.Single(roles));
    }

    [Fact]
    public async Task On_the_user_page_an_administrator_is_told_they_cannot_grant_more_than_their_own_clearance()
    {
        var admin = await app.CreateUserAsync(Roles.Administrator, "CSEC", ClassificationLevels.Confidential, twoFactor: true);
        var user = await app.CreateUserAsync(Roles.Analyst, "CSEC", ClassificationLevels.Restricted);
        using var client = app.CookieClient();
        await AccountForms.SignInAsync(client, admin);

        var (page, html) = await AccountForms.GetPageAsync(client, $"/admin/users/{user.Id:D}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var (posted, postedHtml) = await AccountForms.PostAsync(client, $"/admin/users/{user.Id:D}", "edit-user", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Raised on the page",
            ["Input.Email"] = $"{user.UserName}@tests.invalid",
            ["Input.Roles.Analyst"] = "true",
            ["Input.Member"] = "CSEC",
            ["Input.Clearance"] = "SECRET",
        }, AccountForms.TokenOf(html));

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("You cannot grant SECRET: your own clearance is CONFIDENTIAL.", postedHtml, StringComparison.Ordinal);
        var stored = await app.DbAsync(db => db.Users.SingleAsync(u => u.Id == user.Id, Ct));
        Assert.Equal(ClassificationLevels.Restricted, stored.Clearance);
    }

    [Fact]
    public async Task On_their_own_user_page_an_administrator_is_told_they_cannot_change_their_member()
    {
        var admin = await app.CreateUserAsync(Roles.Administrator, "CSEC", ClassificationLevels.Secret, twoFactor: true);
        using var client = app.CookieClient();
        await AccountForms.SignInAsync(client, admin);

        var (_, html) = await AccountForms.GetPageAsync(client, $"/admin/users/{admin.Id:D}");
        var (posted, postedHtml) = await AccountForms.PostAsync(client, $"/admin/users/{admin.Id:D}", "edit-user", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Me",
            ["Input.Email"] = $"{admin.UserName}@tests.invalid",
            ["Input.Roles.Administrator"] = "true",
            ["Input.Member"] = "GBR",
            ["Input.Clearance"] = "SECRET",
        }, AccountForms.TokenOf(html));

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("You cannot change the member you act for; ask another administrator.", postedHtml, StringComparison.Ordinal);
        Assert.Equal("CSEC", await app.DbAsync(db => db.Users.Where(u => u.Id == admin.Id).Select(u => u.MemberCode).SingleAsync(Ct)));
    }

    private async Task<(string UserName, string Password)> CreateWithOneTimePasswordAsync(string role, string member)
    {
        var userName = $"otp-{Guid.NewGuid():N}"[..20];
        var password = GeneratedPassword.Create();
        var created = await app.AsSystemAsync(sp => UserAdministration.CreateAsync(sp,
            new CreateUserRequest(userName, $"{userName}@tests.invalid", null, [role], member, "RESTRICTED"), password, Ct));
        Assert.True(created.IsSuccess);
        return (userName, password);
    }

    private Task<string> StoredKeyAsync(Guid userId) => app.AsSystemAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<EntenteUser>>();
        return (await users.GetAuthenticatorKeyAsync((await users.FindByIdAsync(userId.ToString()))!))!;
    });

    private static string Totp(string key) => new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(key)).ComputeTotp(DateTime.UtcNow);

    private static string FormatKey(string key) => Modules.Identity.Auth.TwoFactorCodes.FormatKey(key);

    private static async Task<string?> ProblemTypeAsync(HttpResponseMessage response)
    {
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return problem.RootElement.GetProperty("type").GetString();
    }

    [GeneratedRegex(@"<code[^>]*>[23456789BCDFGHJKMNPQRTVWXY]{5}-[23456789BCDFGHJKMNPQRTVWXY]{5}</code>")]
    private static partial Regex RecoveryCode();

    [GeneratedRegex(@"ent_[0-9a-f]{32}_[A-Za-z0-9_-]{43}")]
    private static partial Regex TokenText();

    [GeneratedRegex("id=\"one-time-password\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex OneTimePassword();
}

public sealed class AccountPagesTestsOnSqlite(SqliteApp app) : AccountPagesTests<SqliteApp>(app);

public sealed class AccountPagesTestsOnPostgres(PostgresApp app) : AccountPagesTests<PostgresApp>(app);
