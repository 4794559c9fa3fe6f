using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Entente.Infrastructure.Labels;
using Entente.Modules.Identity.Domain;
using Entente.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Entente.Tests.Identity;

/// <summary>The operator's <c>entente users</c> and <c>entente tokens</c> commands, against the test database.</summary>
public abstract partial class IdentityCliTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_operator_adds_lists_disables_and_resets_a_user()
    {
        var name = $"cli-{Guid.NewGuid():N}"[..16];

        var add = await app.RunCliAsync("users", "add", "--name", name, "--email", $"{name}@tests.invalid",
            "--role", "Secretariat", "--member", "CSEC", "--clearance", "CONFIDENTIAL", "--display-name", "Added from the shell");

        Assert.Equal(0, add.ExitCode);
        Assert.Contains($"Created user {name}", add.Output, StringComparison.Ordinal);
        Assert.Contains("must enrol an authenticator", add.Output, StringComparison.Ordinal);
        var password = OneTimePassword().Match(add.Output).Groups[1].Value;
        Assert.Equal(GeneratedPassword.Length, password.Length);
        var stored = await app.DbAsync(db => db.Users.SingleAsync(u => u.UserName == name, Ct));
        Assert.Equal("Added from the shell", stored.DisplayName);
        Assert.Equal(ClassificationLevels.Confidential, stored.Clearance);
        Assert.True(stored.PasswordChangeRequired);

        var list = await app.RunCliAsync("users", "list");
        Assert.Equal(0, list.ExitCode);
        Assert.Matches($@"{Regex.Escape(name)}\s+CSEC\s+CONFIDENTIAL\s+no\s+active\s+Secretariat", list.Output);

        await app.AsSystemAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<EntenteUser>>();
            var user = (await users.FindByNameAsync(name))!;
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
        });
        var reset = await app.RunCliAsync("users", "reset-2fa", "--user", name);
        Assert.Equal(0, reset.ExitCode);
        Assert.False(await app.DbAsync(db => db.Users.Where(u => u.UserName == name).Select(u => u.TwoFactorEnabled).SingleAsync(Ct)));

        var disable = await app.RunCliAsync("users", "disable", "--user", $"{name}@tests.invalid");
        Assert.Equal(0, disable.ExitCode);
        Assert.True(await app.DbAsync(db => db.Users.Where(u => u.UserName == name).Select(u => u.IsDisabled).SingleAsync(Ct)));
        var listed = await app.RunCliAsync("users", "list");
        Assert.Matches($@"{Regex.Escape(name)}\s+CSEC\s+CONFIDENTIAL\s+no\s+disabled", listed.Output);
    }

    [Fact]
    public async Task The_operator_is_told_what_is_wrong_and_nothing_is_created()
    {
        var existing = await app.CreateUserAsync(Roles.Delegate, "GBR", ClassificationLevels.Restricted);
        var before = await app.DbAsync(db => db.Users.CountAsync(Ct));
        var name = $"cli-bad-{Guid.NewGuid():N}"[..20];

        var role = await app.RunCliAsync("users", "add", "--name", name, "--email", $"{name}@tests.invalid", "--role", "Pilot");
        var member = await app.RunCliAsync("users", "add", "--name", name, "--email", $"{name}@tests.invalid", "--role", "Delegate", "--member", "ATL");
        var clearance = await app.RunCliAsync("users", "add", "--name", name, "--email", $"{name}@tests.invalid", "--role", "Analyst", "--clearance", "COSMIC");
        var duplicate = await app.RunCliAsync("users", "add", "--name", existing.UserName, "--email", $"{name}@tests.invalid", "--role", "Analyst");
        var unknown = await app.RunCliAsync("users", "disable", "--user", "nobody-at-all");

        Assert.Equal(1, role.ExitCode);
        Assert.Contains("'Pilot' is not a role", role.Error, StringComparison.Ordinal);
        Assert.Equal(1, member.ExitCode);
        Assert.Contains("There is no member 'ATL'", member.Error, StringComparison.Ordinal);
        Assert.Equal(1, clearance.ExitCode);
        Assert.Contains("unknown clearance 'COSMIC'", clearance.Error, StringComparison.Ordinal);
        Assert.Equal(1, duplicate.ExitCode);
        Assert.Contains("is already taken", duplicate.Error, StringComparison.Ordinal);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Equal(before, await app.DbAsync(db => db.Users.CountAsync(Ct)));
    }

    [Fact]
    public async Task The_last_active_administrator_cannot_be_disabled_from_the_shell()
    {
        var admin = await app.CreateUserAsync(Roles.Administrator, "CSEC", ClassificationLevels.Secret, twoFactor: true);
        await app.AsSystemAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<EntenteUser>>();
            foreach (var other in (await users.GetUsersInRoleAsync(Roles.Administrator)).Where(u => u.Id != admin.Id && !u.IsDisabled))
            {
                other.IsDisabled = true;
                await users.UpdateAsync(other);
            }
        });

        var refused = await app.RunCliAsync("users", "disable", "--user", admin.UserName);

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("last active Administrator", refused.Error, StringComparison.Ordinal);
        Assert.False(await app.DbAsync(db => db.Users.Where(u => u.Id == admin.Id).Select(u => u.IsDisabled).SingleAsync(Ct)));
    }

    [Fact]
    public async Task The_operator_unlocks_an_account_and_resets_its_password_to_a_one_time_password()
    {
        var user = await app.CreateUserAsync(Roles.Administrator, "CSEC", ClassificationLevels.Secret, twoFactor: true);
        var until = DateTimeOffset.UtcNow.AddMinutes(10);
        await app.DbAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, until), Ct));

        var unlock = await app.RunCliAsync("users", "unlock", "--user", user.UserName);
        Assert.Equal(0, unlock.ExitCode);
        Assert.Null(await app.DbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.LockoutEnd).SingleAsync(Ct)));

        var reset = await app.RunCliAsync("users", "reset-password", "--user", user.UserName);
        Assert.Equal(0, reset.ExitCode);
        var password = OneTimePassword().Match(reset.Output).Groups[1].Value;
        using var browser = app.CookieClient();
        var (old, _) = await AccountForms.PostPasswordAsync(browser, user.UserName, user.Password);
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        var (fresh, _) = await AccountForms.PostPasswordAsync(browser, user.UserName, password);
        Assert.Equal(HttpStatusCode.Redirect, fresh.StatusCode);
        Assert.StartsWith("/account/sign-in/two-factor", AccountForms.PathOf(fresh), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_operator_issues_lists_and_revokes_a_token()
    {
        var user = await app.CreateUserAsync(Roles.Monitor, "CSEC", ClassificationLevels.Restricted);

        var issue = await app.RunCliAsync("tokens", "issue", "--user", user.UserName, "--name", "sensor feed south", "--expires", "30d");

        Assert.Equal(0, issue.ExitCode);
        var token = TokenText().Match(issue.Output).Value;
        Assert.NotEmpty(token);
        using var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct)).StatusCode);

        var parts = token.Split('_', 3);
        var id = parts[1];
        var list = await app.RunCliAsync("tokens", "list", "--user", user.UserName);
        Assert.Equal(0, list.ExitCode);
        Assert.Matches($@"{id}\s+{Regex.Escape(user.UserName)}\s+active\s+\S+ \S+ sensor feed south", list.Output);
        Assert.DoesNotContain(parts[2], list.Output, StringComparison.Ordinal);

        var revoke = await app.RunCliAsync("tokens", "revoke", "--id", id);
        Assert.Equal(0, revoke.ExitCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct)).StatusCode);
        var again = await app.RunCliAsync("tokens", "revoke", "--id", id);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already revoked", again.Error, StringComparison.Ordinal);
        Assert.Contains("revoked", (await app.RunCliAsync("tokens", "list", "--user", user.UserName)).Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("400d", "at most 366 days")]
    [InlineData("yesterday", "is not a date")]
    [InlineData("2001-01-01", "must be in the future")]
    public async Task A_token_with_a_bad_expiry_is_refused(string expires, string message)
    {
        var user = await app.CreateUserAsync(Roles.Monitor, "CSEC", ClassificationLevels.Restricted);

        var issue = await app.RunCliAsync("tokens", "issue", "--user", user.UserName, "--name", "feed", "--expires", expires);

        Assert.Equal(1, issue.ExitCode);
        Assert.Contains(message, issue.Error, StringComparison.Ordinal);
        Assert.False(await app.DbAsync(db => db.ApiTokens.AnyAsync(t => t.UserId == user.Id, Ct)));
    }

    [GeneratedRegex(@"One-time password \(shown once; to be changed at first sign-in\): (\S+)")]
    private static partial Regex OneTimePassword();

    [GeneratedRegex(@"ent_[0-9a-f]{32}_[A-Za-z0-9_-]{43}")]
    private static partial Regex TokenText();
}

public sealed class IdentityCliTestsOnSqlite(SqliteApp app) : IdentityCliTests<SqliteApp>(app);

public sealed class IdentityCliTestsOnPostgres(PostgresApp app) : IdentityCliTests<PostgresApp>(app);
