using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Entente.Demo;
using Entente.Infrastructure.Labels;
using Entente.Modules.Identity.Domain;
using Entente.Modules.Registry.Domain;
using Entente.Testing;
using Entente.Tests.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Entente.Tests.Home;

/// <summary>The home page: a short introduction for visitors, an overview built from real data for each role.</summary>
public abstract class HomeDashboardTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_visitor_gets_the_public_introduction_with_the_way_to_sign_in()
    {
        using var client = app.Anonymous();
        var response = await client.GetAsync(new Uri("/", UriKind.Relative), Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("href=\"/account/sign-in\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/public\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Your overview", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_delegate_sees_and_counts_only_the_records_released_to_them()
    {
        var member = "SWE";
        using var client = await app.ClientAsync(Roles.Delegate, member, ClassificationLevels.Confidential);
        await app.AddDelegateAsync(member, "Visible adviser", Label.Create(ClassificationLevels.Restricted));
        await app.AddDelegateAsync(member, "Secret adviser", Label.Create(ClassificationLevels.Secret));
        await app.AddDelegateAsync(member, "Adviser known to France only", Label.Create(ClassificationLevels.Confidential, ["FRA"], originator: "FRA"));
        await app.DbAsync(async db =>
        {
            db.Members.Add(Member.Register("HIDDEN1", "An organisation known to France only", MemberKind.Organisation, null,
                Label.Create(ClassificationLevels.Confidential, ["FRA"], originator: "FRA"), DateTime.UtcNow).Value!);
            return await db.SaveChangesAsync(Ct);
        });
        var visibleMembers = await app.DbAsync(db => db.Members.CountAsync(m => m.Label.ReleasableTo == "", Ct));

        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative), Ct);

        Assert.Contains("Your delegation", html, StringComparison.Ordinal);
        Assert.Contains("1 delegate of SWE that you may see.", html, StringComparison.Ordinal);
        Assert.Contains("Visible adviser", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Secret adviser", html, StringComparison.Ordinal);
        Assert.DoesNotContain("known to France only", html, StringComparison.Ordinal);
        Assert.Contains($"The coalition today: {visibleMembers} members you may see", html, StringComparison.Ordinal);
        Assert.Equal(DemoRegistry.Members.Count, visibleMembers);
        Assert.Contains("Nothing is waiting for SWE.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_secretariat_counts_members_by_status_among_those_it_may_see()
    {
        using var client = await app.ClientAsync(Roles.Secretariat, DemoSeeder.SecretariatCode, ClassificationLevels.Secret);
        await app.DbAsync(async db =>
        {
            var hidden = Member.Register("HIDDEN2", "A partner known to Poland only", MemberKind.Organisation, null,
                Label.Create(ClassificationLevels.Restricted, ["POL"], originator: "POL"), DateTime.UtcNow).Value!;
            hidden.RecordStatus(CoalitionStatus.Partner, new DateOnly(2025, 6, 1), null, new DateOnly(2025, 3, 2), DateOnly.FromDateTime(DateTime.UtcNow), DateTime.UtcNow);
            db.Members.Add(hidden);
            return await db.SaveChangesAsync(Ct);
        });
        var partners = DemoRegistry.Members.Count(m => m.Status == CoalitionStatus.Partner);

        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative), Ct);

        Assert.Equal(partners, Stat(html, "Partner"));
        Assert.DoesNotContain("known to Poland only", html, StringComparison.Ordinal);
        Assert.Contains("Recently changed members", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_sees_accounts_needing_attention_expiring_tokens_and_security_events()
    {
        using var client = await app.ClientAsync(Roles.Administrator, DemoSeeder.SecretariatCode, ClassificationLevels.Secret);
        await app.CreateUserAsync(Roles.Secretariat, DemoSeeder.SecretariatCode, ClassificationLevels.Restricted);
        var owner = await app.CreateUserAsync(Roles.Monitor, DemoSeeder.SecretariatCode, ClassificationLevels.Restricted);
        await app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<Entente.Infrastructure.Data.EntenteDbContext>();
            var time = sp.GetRequiredService<TimeProvider>();
            await Entente.Modules.Identity.Features.ApiTokens.IssueAsync(db, owner.Id, "Sensor feed north", DateTime.UtcNow.AddDays(3), time, Ct);
        });
        using (var stranger = app.Anonymous())
        {
            stranger.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "ent_not-a-token");
            await stranger.GetAsync(new Uri("/api/v1/audit", UriKind.Relative), Ct);
        }

        var withoutTwoFactor = await app.DbAsync(async db =>
        {
            var needing = await (from ur in db.UserRoles
                                 join r in db.Roles on ur.RoleId equals r.Id
                                 where r.Name == Roles.Administrator || r.Name == Roles.Secretariat
                                 select ur.UserId).ToListAsync(Ct);
            return await db.Users.CountAsync(u => needing.Contains(u.Id) && !u.TwoFactorEnabled && !u.IsDisabled, Ct);
        });
        var users = await app.DbAsync(db => db.Users.CountAsync(Ct));

        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative), Ct);

        Assert.Equal(users, Stat(html, "user accounts"));
        Assert.Equal(withoutTwoFactor, Stat(html, "administrators or Secretariat staff without two-factor"));
        Assert.True(withoutTwoFactor >= 1);
        Assert.Contains("Sensor feed north", html, StringComparison.Ordinal);
        Assert.Contains("token-rejected", html, StringComparison.Ordinal);
        Assert.Contains("malformed token", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_delegate_sees_its_own_members_pledges_and_the_secretariat_those_awaiting_a_commitment_under_their_labels()
    {
        using var secretariat = await app.ClientAsync(Roles.Secretariat, DemoSeeder.SecretariatCode, ClassificationLevels.Secret);
        var open = Ledger.LedgerTestKit.Pledge("NOR", with: new Dictionary<string, object?> { ["measure"] = "Norwegian demining teams", ["type"] = "demining" });
        await Ledger.LedgerTestKit.RecordAsync(secretariat, open);
        var hidden = Ledger.LedgerTestKit.Pledge("NOR", new { classification = "CONFIDENTIAL", releasableTo = new[] { "GBR", DemoSeeder.SecretariatCode } },
            new Dictionary<string, object?> { ["measure"] = "Norwegian measure for the co-chair only" });
        await Ledger.LedgerTestKit.RecordAsync(secretariat, hidden);

        using var delegateClient = await app.ClientAsync(Roles.Delegate, "NOR", ClassificationLevels.Secret);
        var html = await delegateClient.GetStringAsync(new Uri("/", UriKind.Relative), Ct);
        Assert.Contains("Pledges of NOR", html, StringComparison.Ordinal);
        Assert.Contains("Norwegian demining teams", html, StringComparison.Ordinal);
        Assert.Contains("1 pledge you may see", html, StringComparison.Ordinal);
        Assert.DoesNotContain("co-chair only", html, StringComparison.Ordinal);

        var secretariatHtml = await secretariat.GetStringAsync(new Uri("/", UriKind.Relative), Ct);
        Assert.Contains("Pledges awaiting a commitment", secretariatHtml, StringComparison.Ordinal);
        Assert.Contains("Norwegian measure for the co-chair only", secretariatHtml, StringComparison.Ordinal);
    }

    /// <summary>The number of a stat card whose label starts with <paramref name="label"/>.</summary>
    private static int Stat(string html, string label)
    {
        var match = Regex.Match(html, "<span class=\"stat\"[^>]*>(\\d+)</span>\\s*<span class=\"stat-label\"[^>]*>(<span[^>]*>)?" + Regex.Escape(label));
        Assert.True(match.Success, $"no stat for '{label}'");
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}

public sealed class HomeDashboardTestsOnSqlite(SqliteApp app) : HomeDashboardTests<SqliteApp>(app);

public sealed class HomeDashboardTestsOnPostgres(PostgresApp app) : HomeDashboardTests<PostgresApp>(app);
