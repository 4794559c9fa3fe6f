using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Entente.Infrastructure.Labels;
using Entente.Modules.Identity.Domain;
using Entente.Modules.Identity.Features;
using Entente.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Entente.Tests.Identity;

public abstract class UserAdministrationApiTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> AdminEndpoints => new()
    {
        { "GET", "/api/v1/users" },
        { "POST", "/api/v1/users" },
        { "GET", $"/api/v1/users/{Guid.Empty:D}" },
        { "PUT", $"/api/v1/users/{Guid.Empty:D}" },
        { "POST", $"/api/v1/users/{Guid.Empty:D}/disable" },
        { "POST", $"/api/v1/users/{Guid.Empty:D}/enable" },
        { "POST", $"/api/v1/users/{Guid.Empty:D}/unlock" },
        { "POST", $"/api/v1/users/{Guid.Empty:D}/reset-two-factor" },
        { "POST", $"/api/v1/users/{Guid.Empty:D}/reset-password" },
        { "GET", "/api/v1/tokens" },
        { "DELETE", $"/api/v1/tokens/{Guid.Empty:D}" },
    };

    [Theory]
    [MemberData(nameof(AdminEndpoints))]
    public async Task A_delegate_gets_403_and_an_anonymous_caller_401_on_administration_endpoints(string method, string path)
    {
        using var delegateClient = await app.ClientAsync(Roles.Delegate, "GBR", ClassificationLevels.Secret);
        using var anonymous = app.Anonymous();

        var asDelegate = await delegateClient.SendAsync(Request(method, path), Ct);
        var asAnonymous = await anonymous.SendAsync(Request(method, path), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, asDelegate.StatusCode);
        Assert.Equal("/problems/forbidden", await ProblemTypeAsync(asDelegate));
        Assert.Equal(HttpStatusCode.Unauthorized, asAnonymous.StatusCode);
        Assert.Equal("/problems/unauthenticated", await ProblemTypeAsync(asAnonymous));
    }

    [Fact]
    public async Task An_administrator_creates_a_user_whose_one_time_password_works_once_and_must_be_changed()
    {
        using var admin = await AdminAsync();
        var userName = NewName("api-user");

        var response = await admin.PostAsJsonAsync("/api/v1/users", new
        {
            userName,
            email = $"{userName}@tests.invalid",
            displayName = "Created by the API",
            roles = new List<string> { "delegate" },
            member = "fra",
            clearance = "confidential",
        }, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var user = created.RootElement.GetProperty("user");
        Assert.Equal("FRA", user.GetProperty("member").GetString());
        Assert.Equal("CONFIDENTIAL", user.GetProperty("clearance").GetString());
        Assert.Equal("Delegate", user.GetProperty("roles")[0].GetString());
        Assert.True(user.GetProperty("passwordChangeRequired").GetBoolean());
        Assert.Equal($"/api/v1/users/{user.GetProperty("id").GetString()}", response.Headers.Location!.OriginalString);
        var password = created.RootElement.GetProperty("oneTimePassword").GetString()!;
        var fetched = await admin.GetStringAsync(response.Headers.Location, Ct);
        Assert.DoesNotContain(password, fetched, StringComparison.Ordinal);

        using var browser = app.CookieClient();
        var (signIn, _) = await AccountForms.PostPasswordAsync(browser, userName, password);
        Assert.StartsWith("/account/password?required=1", AccountForms.PathOf(signIn), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_users_get_clear_problems_and_nothing_is_stored()
    {
        using var admin = await AdminAsync();
        var existing = await app.CreateUserAsync(Roles.Delegate, "GBR", ClassificationLevels.Restricted);
        var before = await app.DbAsync(db => db.Users.CountAsync(Ct));
        var name = NewName("bad");

        var cases = new (object Body, HttpStatusCode Status, string Type, string Field)[]
        {
            (User(existing.UserName, $"{name}@tests.invalid", ["Delegate"], "GBR", "RESTRICTED"), HttpStatusCode.Conflict, "/problems/identity.duplicate-user-name", "userName"),
            (User(name, $"{existing.UserName}@tests.invalid", ["Delegate"], "GBR", "RESTRICTED"), HttpStatusCode.Conflict, "/problems/identity.duplicate-email", "email"),
            (User(name, $"{name}@tests.invalid", ["Pilot"], "GBR", "RESTRICTED"), HttpStatusCode.BadRequest, "/problems/validation", "roles"),
            (User(name, $"{name}@tests.invalid", ["Delegate"], "XYZ", "RESTRICTED"), HttpStatusCode.BadRequest, "/problems/validation", "member"),
            (User(name, $"{name}@tests.invalid", ["Delegate"], "GBR", "COSMIC"), HttpStatusCode.BadRequest, "/problems/validation", "clearance"),
            (User(name, "not-an-address", ["Delegate"], "GBR", "RESTRICTED"), HttpStatusCode.BadRequest, "/problems/validation", "email"),
            (User(name, $"{name}@tests.invalid", [], "GBR", "RESTRICTED"), HttpStatusCode.BadRequest, "/problems/validation", "roles"),
            (User("bad name with spaces", $"{name}@tests.invalid", ["Analyst"], "CSEC", "RESTRICTED"), HttpStatusCode.BadRequest, "/problems/validation", "userName"),
        };
        foreach (var (body, status, type, field) in cases)
        {
            var response = await admin.PostAsJsonAsync("/api/v1/users", body, Ct);
            Assert.Equal(status, response.StatusCode);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
            Assert.Equal(type, problem.RootElement.GetProperty("type").GetString());
            var named = problem.RootElement.TryGetProperty("errors", out var errors)
                ? errors.TryGetProperty(field, out _)
                : problem.RootElement.GetProperty("field").GetString() == field;
            Assert.True(named, $"{type} does not name {field}");
        }

        var malformed = await admin.PostAsync(new Uri("/api/v1/users", UriKind.Relative),
            new StringContent("{\"userName\": \"x\", ", Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("/problems/malformed-request", await ProblemTypeAsync(malformed));
        Assert.Equal(before, await app.DbAsync(db => db.Users.CountAsync(Ct)));
    }

    [Fact]
    public async Task Changing_a_users_access_takes_effect_and_renews_their_security_stamp()
    {
        using var admin = await AdminAsync();
        var user = await app.CreateUserAsync(Roles.Delegate, "GBR", ClassificationLevels.Restricted);
        var stamp = await StampAsync(user.Id);
        using var userClient = await app.ClientAsync(user);

        var response = await admin.PutAsJsonAsync($"/api/v1/users/{user.Id:D}", new
        {
            displayName = "Now an analyst",
            email = $"{user.UserName}@tests.invalid",
            roles = new List<string> { "Analyst", "Monitor" },
            member = "CSEC",
            clearance = "SECRET",
        }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var updated = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(["Monitor", "Analyst"], updated.RootElement.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ToArray());
        Assert.NotEqual(stamp, await StampAsync(user.Id));
        using var me = JsonDocument.Parse(await userClient.GetStringAsync(new Uri("/api/v1/me", UriKind.Relative), Ct));
        Assert.Equal("CSEC", me.RootElement.GetProperty("member").GetString());
        Assert.Equal("SECRET", me.RootElement.GetProperty("clearance").GetString());
    }

    [Fact]
    public async Task An_administrator_can_neither_disable_nor_demote_themselves()
    {
        var self = await app.CreateUserAsync(Roles.Administrator, "CSEC", ClassificationLevels.Secret, twoFactor: true);
        using var client = await app.ClientAsync(self);

        var disable = await client.PostAsync(new Uri($"/api/v1/users/{self.Id:D}/disable", UriKind.Relative), null, Ct);
        var demote = await client.PutAsJsonAsync($"/api/v1/users/{self.Id:D}", new
        {
            displayName = "Me",
            email = $"{self.UserName}@tests.invalid",
            roles = new List<string> { "Secretariat" },
            member = "CSEC",
            clearance = "SECRET",
        }, Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, disable.StatusCode);
        Assert.Equal("/problems/identity.cannot-disable-self", await ProblemTypeAsync(disable));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, demote.StatusCode);
        Assert.Equal("/problems/identity.cannot-demote-self", await ProblemTypeAsync(demote));
        var stored = await app.DbAsync(db => db.Users.SingleAsync(u => u.Id == self.Id, Ct));
        Assert.False(stored.IsDisabled);
        Assert.Equal("Test Administrator", stored.DisplayName);
    }

    [Fact]
    public async Task An_administrator_grants_no_clearance_above_their_own_but_the_platform_may()
    {
        var confidential = await app.CreateUserAsync(Roles.Administrator, "CSEC", ClassificationLevels.Confidential, twoFactor: true);
        using var admin = await app.ClientAsync(confidential);
        var user = await app.CreateUserAsync(Roles.Analyst, "CSEC", ClassificationLevels.Restricted);
        var secretName = NewName("secret");

        var create = await admin.PostAsJsonAsync("/api/v1/users",
            User(secretName, $"{secretName}@tests.invalid", ["Analyst"], "CSEC", "SECRET"), Ct);
        var raise = await admin.PutAsJsonAsync($"/api/v1/users/{user.Id:D}", Update(user.UserName, "CSEC", "SECRET"), Ct);
        var upToOwn = await admin.PutAsJsonAsync($"/api/v1/users/{user.Id:D}", Update(user.UserName, "CSEC", "CONFIDENTIAL"), Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, create.StatusCode);
        Assert.Equal("/problems/identity.clearance-above-own", await ProblemTypeAsync(create));
        Assert.False(await app.DbAsync(db => db.Users.AnyAsync(u => u.UserName == secretName, Ct)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, raise.StatusCode);
        Assert.Equal("/problems/identity.clearance-above-own", await ProblemTypeAsync(raise));
        Assert.Equal(HttpStatusCode.OK, upToOwn.StatusCode);
        Assert.Equal(ClassificationLevels.Confidential, await ClearanceAsync(user.Id));

        var byPlatform = await app.AsSystemAsync(sp => UserAdministration.UpdateAsync(sp, user.Id,
            new UpdateUserRequest("Raised by the operator", $"{user.UserName}@tests.invalid", ["Analyst"], "CSEC", "SECRET"), Ct));
        Assert.True(byPlatform.IsSuccess);
        Assert.Equal(ClassificationLevels.Secret, await ClearanceAsync(user.Id));
    }

    [Fact]
    public async Task An_administrator_cannot_change_their_own_member_or_clearance()
    {
        var self = await app.CreateUserAsync(Roles.Administrator, "CSEC", ClassificationLevels.Secret, twoFactor: true);
        using var client = await app.ClientAsync(self);

        var member = await client.PutAsJsonAsync($"/api/v1/users/{self.Id:D}", Update(self.UserName, "GBR", "SECRET", "Administrator"), Ct);
        var clearance = await client.PutAsJsonAsync($"/api/v1/users/{self.Id:D}", Update(self.UserName, "CSEC", "RESTRICTED", "Administrator"), Ct);
        var name = await client.PutAsJsonAsync($"/api/v1/users/{self.Id:D}", Update(self.UserName, "CSEC", "SECRET", "Administrator"), Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, member.StatusCode);
        Assert.Equal("/problems/identity.cannot-change-own-member", await ProblemTypeAsync(member));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, clearance.StatusCode);
        Assert.Equal("/problems/identity.cannot-change-own-clearance", await ProblemTypeAsync(clearance));
        Assert.Equal(HttpStatusCode.OK, name.StatusCode);
        var stored = await app.DbAsync(db => db.Users.SingleAsync(u => u.Id == self.Id, Ct));
        Assert.Equal(("CSEC", ClassificationLevels.Secret, "Updated name"), (stored.MemberCode, stored.Clearance, stored.DisplayName));
    }

    [Fact]
    public async Task The_last_active_administrator_cannot_be_disabled_or_demoted()
    {
        var only = await app.CreateUserAsync(Roles.Administrator, "CSEC", ClassificationLevels.Secret, twoFactor: true);
        await DisableOtherAdministratorsAsync(only.Id);

        var disable = await app.AsSystemAsync(sp => UserAdministration.SetDisabledAsync(sp, only.UserName, disabled: true, Ct));
        var demote = await app.AsSystemAsync(sp => UserAdministration.UpdateAsync(sp, only.Id,
            new UpdateUserRequest("Only", $"{only.UserName}@tests.invalid", [Roles.Analyst], "CSEC", "SECRET"), Ct));

        Assert.Equal("identity.last-administrator", disable.Error?.Code);
        Assert.Equal("identity.last-administrator", demote.Error?.Code);
        Assert.False(await app.DbAsync(db => db.Users.Where(u => u.Id == only.Id).Select(u => u.IsDisabled).SingleAsync(Ct)));

        var second = await app.CreateUserAsync(Roles.Administrator, "CSEC", ClassificationLevels.Secret, twoFactor: true);
        using var client = await app.ClientAsync(second);
        var allowed = await client.PostAsync(new Uri($"/api/v1/users/{only.Id:D}/disable", UriKind.Relative), null, Ct);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task Disable_enable_unlock_and_the_resets_answer_the_changed_account()
    {
        using var admin = await AdminAsync();
        var user = await app.CreateUserAsync(Roles.Delegate, "POL", ClassificationLevels.Restricted, twoFactor: true);
        await app.DbAsync(db => db.Users.Where(u => u.Id == user.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, DateTimeOffset.UtcNow.AddMinutes(10)), Ct));

        var locked = await ReadAsync(admin, $"/api/v1/users/{user.Id:D}");
        Assert.Equal("lockedOut", locked.GetProperty("state").GetString());
        var lockedList = await admin.GetStringAsync(new Uri("/api/v1/users?state=lockedOut", UriKind.Relative), Ct);
        Assert.Contains(user.UserName, lockedList, StringComparison.Ordinal);

        Assert.Equal("active", (await PostAsync(admin, $"/api/v1/users/{user.Id:D}/unlock")).GetProperty("state").GetString());
        Assert.Equal("disabled", (await PostAsync(admin, $"/api/v1/users/{user.Id:D}/disable")).GetProperty("state").GetString());
        var twice = await admin.PostAsync(new Uri($"/api/v1/users/{user.Id:D}/disable", UriKind.Relative), null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal("active", (await PostAsync(admin, $"/api/v1/users/{user.Id:D}/enable")).GetProperty("state").GetString());
        Assert.False((await PostAsync(admin, $"/api/v1/users/{user.Id:D}/reset-two-factor")).GetProperty("twoFactorEnabled").GetBoolean());

        var reset = await admin.PostAsync(new Uri($"/api/v1/users/{user.Id:D}/reset-password", UriKind.Relative), null, Ct);
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        using var body = JsonDocument.Parse(await reset.Content.ReadAsStringAsync(Ct));
        var password = body.RootElement.GetProperty("oneTimePassword").GetString()!;
        Assert.True(body.RootElement.GetProperty("user").GetProperty("passwordChangeRequired").GetBoolean());
        using var browser = app.CookieClient();
        var (old, _) = await AccountForms.PostPasswordAsync(browser, user.UserName, user.Password);
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        var (fresh, _) = await AccountForms.PostPasswordAsync(browser, user.UserName, password);
        Assert.Equal(HttpStatusCode.Redirect, fresh.StatusCode);
    }

    [Fact]
    public async Task The_user_list_pages_and_filters()
    {
        using var admin = await AdminAsync();
        for (var i = 0; i < 3; i++)
        {
            await app.CreateUserAsync(Roles.Monitor, "EST", ClassificationLevels.Restricted);
        }

        using var page = JsonDocument.Parse(await admin.GetStringAsync(new Uri("/api/v1/users?member=est&role=monitor&pageSize=2", UriKind.Relative), Ct));
        using var second = JsonDocument.Parse(await admin.GetStringAsync(new Uri("/api/v1/users?member=EST&role=Monitor&pageSize=2&page=2", UriKind.Relative), Ct));
        var invalid = await admin.GetAsync(new Uri("/api/v1/users?state=asleep", UriKind.Relative), Ct);

        Assert.Equal(3, page.RootElement.GetProperty("total").GetInt32());
        Assert.Equal(2, page.RootElement.GetProperty("items").GetArrayLength());
        Assert.Equal(1, second.RootElement.GetProperty("items").GetArrayLength());
        Assert.All(page.RootElement.GetProperty("items").EnumerateArray(), u => Assert.Equal("EST", u.GetProperty("member").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(new Uri($"/api/v1/users/{Guid.NewGuid():D}", UriKind.Relative), Ct)).StatusCode);
    }

    private async Task<HttpClient> AdminAsync() =>
        await app.ClientAsync(await app.CreateUserAsync(Roles.Administrator, "CSEC", ClassificationLevels.Secret, twoFactor: true));

    private static object User(string userName, string email, string[] roles, string member, string clearance) =>
        new { userName, email, roles, member, clearance };

    private static object Update(string userName, string member, string clearance, string role = "Analyst") => new
    {
        displayName = "Updated name",
        email = $"{userName}@tests.invalid",
        roles = new List<string> { role },
        member,
        clearance,
    };

    private Task<int> ClearanceAsync(Guid id) => app.DbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.Clearance).SingleAsync(Ct));

    private static string NewName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..24];

    private static HttpRequestMessage Request(string method, string path) => new(new HttpMethod(method), path)
    {
        Content = method is "POST" or "PUT" ? new StringContent("{}", Encoding.UTF8, "application/json") : null,
    };

    private static async Task<string?> ProblemTypeAsync(HttpResponseMessage response)
    {
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return problem.RootElement.GetProperty("type").GetString();
    }

    private static async Task<JsonElement> ReadAsync(HttpClient client, string path)
    {
        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri(path, UriKind.Relative), Ct));
        return document.RootElement.Clone();
    }

    private static async Task<JsonElement> PostAsync(HttpClient client, string path)
    {
        var response = await client.PostAsync(new Uri(path, UriKind.Relative), null, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return document.RootElement.Clone();
    }

    private Task<string?> StampAsync(Guid id) => app.DbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.SecurityStamp).SingleAsync(Ct));

    private Task DisableOtherAdministratorsAsync(Guid keep) => app.AsSystemAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<EntenteUser>>();
        foreach (var other in (await users.GetUsersInRoleAsync(Roles.Administrator)).Where(u => u.Id != keep && !u.IsDisabled))
        {
            other.IsDisabled = true;
            await users.UpdateAsync(other);
        }
    });
}

public sealed class UserAdministrationApiTestsOnSqlite(SqliteApp app) : UserAdministrationApiTests<SqliteApp>(app);

public sealed class UserAdministrationApiTestsOnPostgres(PostgresApp app) : UserAdministrationApiTests<PostgresApp>(app);
