using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Entente.Infrastructure.Labels;
using Entente.Modules.Audit.Domain;
using Entente.Testing;
using Entente.Tests.Identity;
using Entente.Tests.Registry;
using Microsoft.EntityFrameworkCore;

namespace Entente.Tests.Monitoring;

/// <summary>Managing alerting: webhook subscriptions listed and deleted by their owners, rules edited by the API and the alerts page.</summary>
public abstract partial class AlertManagementTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    private static readonly double[] PointCoordinates = [37.0, 48.0];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object Square(double lat, double lon) => new
    {
        type = "Polygon",
        coordinates = new[] { new[] { new[] { lon, lat }, new[] { lon + 0.02, lat }, new[] { lon + 0.02, lat + 0.02 }, new[] { lon, lat + 0.02 }, new[] { lon, lat } } },
    };

    private static async Task<JsonElement> RuleAsync(HttpClient analyst, string name) =>
        await (await analyst.PostJsonAsync("/api/v1/alert-rules", new
        {
            name,
            kind = "violationCount",
            area = Square(48.5, 37.2),
            windowMinutes = 60,
            threshold = 5,
            label = RegistryTestClient.PublicLabel,
        })).JsonAsync(HttpStatusCode.Created);

    private static async Task<JsonElement> StoredRuleAsync(HttpClient client, string id) =>
        (await (await client.GetPathAsync("/api/v1/alert-rules")).JsonAsync(HttpStatusCode.OK)).EnumerateArray().Single(r => r.Str("id") == id);

    private static List<string> Ids(JsonElement list) => [.. list.EnumerateArray().Select(s => s.Str("id"))];

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [Fact]
    public async Task Each_analyst_lists_and_deletes_only_its_own_webhook_subscriptions_and_the_deletion_is_audited()
    {
        using var mine = await app.ClientAsync("Analyst", "CSEC", ClassificationLevels.Confidential);
        using var theirs = await app.ClientAsync("Analyst", "FRA", ClassificationLevels.Restricted);
        var a = await (await mine.PostJsonAsync("/api/v1/alerts/subscriptions", new { url = "https://hooks.example.org/a" })).JsonAsync(HttpStatusCode.Created);
        var b = await (await theirs.PostJsonAsync("/api/v1/alerts/subscriptions", new { url = "https://hooks.example.org/b" })).JsonAsync(HttpStatusCode.Created);

        var listed = await (await mine.GetPathAsync("/api/v1/alerts/subscriptions")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([a.Str("id")], Ids(listed));
        Assert.Equal("https://hooks.example.org/a", listed[0].Str("url"));
        Assert.False(listed[0].TryGetProperty("secret", out _), "the secret is shown only once, on creation");
        Assert.Equal([b.Str("id")], Ids(await (await theirs.GetPathAsync("/api/v1/alerts/subscriptions")).JsonAsync(HttpStatusCode.OK)));

        // Someone else's subscription does not exist for the caller; without the policy the endpoints are refused.
        await (await theirs.DeletePathAsync($"/api/v1/alerts/subscriptions/{a.Str("id")}")).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        using var delegateFra = await app.DelegateAsync("FRA", ClassificationLevels.Secret);
        Assert.Equal(HttpStatusCode.Forbidden, (await delegateFra.GetPathAsync("/api/v1/alerts/subscriptions")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await delegateFra.DeletePathAsync($"/api/v1/alerts/subscriptions/{a.Str("id")}")).StatusCode);
        Assert.Equal([a.Str("id")], Ids(await (await mine.GetPathAsync("/api/v1/alerts/subscriptions")).JsonAsync(HttpStatusCode.OK)));

        Assert.Equal(HttpStatusCode.NoContent, (await mine.DeletePathAsync($"/api/v1/alerts/subscriptions/{a.Str("id")}")).StatusCode);
        Assert.Empty(Ids(await (await mine.GetPathAsync("/api/v1/alerts/subscriptions")).JsonAsync(HttpStatusCode.OK)));
        await (await mine.DeletePathAsync($"/api/v1/alerts/subscriptions/{a.Str("id")}")).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        await (await mine.DeletePathAsync($"/api/v1/alerts/subscriptions/{Guid.NewGuid()}")).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        Assert.Equal([b.Str("id")], Ids(await (await theirs.GetPathAsync("/api/v1/alerts/subscriptions")).JsonAsync(HttpStatusCode.OK)));

        var id = a.Str("id");
        Assert.True(await app.DbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.Delete && e.EntityId != null && e.EntityId.Contains(id), Ct)),
            "the deletion is in the audit log");
        var verify = await app.RunCliAsync("audit", "verify");
        Assert.Equal(0, verify.ExitCode);
    }

    [Fact]
    public async Task Editing_a_rule_with_bad_input_is_refused_with_the_reason_and_leaves_the_stored_rule_as_it_was()
    {
        using var analyst = await app.ClientAsync("Analyst", "CSEC", ClassificationLevels.Secret);
        var name = "Edit me " + MonitoringTestKit.Unique();
        var rule = await RuleAsync(analyst, name);
        var id = rule.Str("id");
        var version = rule.GetProperty("version").GetInt32();
        var path = $"/api/v1/alert-rules/{id}";
        object Edit(object? area = null, string? region = null, int window = 90, int threshold = 7, double spikeFactor = 3, string kind = "violationCount",
            int? expectedVersion = -1, string? ruleName = null) =>
            new { name = ruleName ?? name + " (edited)", kind, area, region, windowMinutes = window, threshold, spikeFactor, expectedVersion = expectedVersion == -1 ? version : expectedVersion };

        Assert.Contains("'Atlantis' is not an oblast", (await (await analyst.PutJsonAsync(path, Edit(region: "Atlantis")))
            .ProblemAsync(HttpStatusCode.BadRequest, "/problems/validation")).Str("detail"), StringComparison.Ordinal);
        Assert.Contains("The window is between 1 minute and 7 days", (await (await analyst.PutJsonAsync(path, Edit(window: 0)))
            .ProblemAsync(HttpStatusCode.BadRequest, "/problems/validation")).Str("detail"), StringComparison.Ordinal);
        await (await analyst.PutJsonAsync(path, Edit(area: new { type = "Point", coordinates = PointCoordinates }))).ProblemAsync(HttpStatusCode.BadRequest, "/problems/validation");
        await (await analyst.PutJsonAsync(path, Edit(kind: "spike", spikeFactor: 0.5))).ProblemAsync(HttpStatusCode.BadRequest, "/problems/validation");
        await (await analyst.PutJsonAsync(path, Edit(ruleName: "  "))).ProblemAsync(HttpStatusCode.BadRequest, "/problems/validation");
        await (await analyst.PutJsonAsync(path, Edit(expectedVersion: null))).ProblemAsync(HttpStatusCode.BadRequest, "/problems/validation");
        await (await analyst.PutJsonAsync(path, Edit(expectedVersion: version + 5))).ProblemAsync(HttpStatusCode.Conflict, "/problems/monitoring.rule-changed");
        await (await analyst.PutJsonAsync($"/api/v1/alert-rules/{Guid.NewGuid()}", Edit())).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        using var delegateFra = await app.DelegateAsync("FRA", ClassificationLevels.Secret);
        Assert.Equal(HttpStatusCode.Forbidden, (await delegateFra.PutJsonAsync(path, Edit())).StatusCode);

        var stored = await StoredRuleAsync(analyst, id);
        Assert.Equal(name, stored.Str("name"));
        Assert.Equal(60, stored.GetProperty("windowMinutes").GetInt32());
        Assert.Equal(5, stored.GetProperty("threshold").GetInt32());
        Assert.True(stored.GetProperty("hasArea").GetBoolean());
        Assert.Equal(version, stored.GetProperty("version").GetInt32());

        var edited = await (await analyst.PutJsonAsync(path, Edit(region: "Donetsk Oblast"))).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(name + " (edited)", edited.Str("name"));
        Assert.Equal("Donetsk Oblast", edited.Str("region"));
        Assert.False(edited.GetProperty("hasArea").GetBoolean());
        Assert.Equal(90, edited.GetProperty("windowMinutes").GetInt32());
        Assert.Equal(version + 1, edited.GetProperty("version").GetInt32());
        Assert.Equal("PUBLIC", edited.GetProperty("label").Str("classification"));

        // The edit it was based on is gone: the same version again is stale.
        await (await analyst.PutJsonAsync(path, Edit(window: 30))).ProblemAsync(HttpStatusCode.Conflict, "/problems/monitoring.rule-changed");
    }

    [Fact]
    public async Task The_alerts_page_edits_a_rule_and_manages_subscriptions_and_shows_bad_input_without_changing_anything()
    {
        using var analyst = await app.ClientAsync("Analyst", "CSEC", ClassificationLevels.Secret);
        var name = "Page rule " + MonitoringTestKit.Unique();
        var id = (await RuleAsync(analyst, name)).Str("id");
        var page = $"/monitoring/alerts?rule={id}";
        var (opened, html) = await AccountForms.GetPageAsync(analyst, page);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Contains(name, html, StringComparison.Ordinal);
        Assert.Contains("name=\"WindowMinutes\"", html, StringComparison.Ordinal);
        var token = AntiforgeryToken().Match(html).Groups[1].Value;
        Dictionary<string, string> Fields(string window, string area) => new()
        {
            ["Name"] = name + " v2", ["Kind"] = "ViolationCount", ["Region"] = "", ["Area"] = area, ["WindowMinutes"] = window, ["Threshold"] = "4",
            ["SpikeFactor"] = "3", ["ExpectedVersion"] = "0",
        };
        var area = JsonSerializer.Serialize(Square(48.5, 37.2));

        var (refused, refusedHtml) = await AccountForms.PostAsync(analyst, page, "edit-rule", Fields("ten", area), token);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("The window is a whole number of minutes. The rule was not changed.", refusedHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"ten\"", refusedHtml, StringComparison.Ordinal);
        var (broken, brokenHtml) = await AccountForms.PostAsync(analyst, page, "edit-rule", Fields("30", "{ not geojson"), token);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, broken.StatusCode);
        Assert.Contains("The area is not valid GeoJSON", brokenHtml, StringComparison.Ordinal);
        var (tooLong, tooLongHtml) = await AccountForms.PostAsync(analyst, page, "edit-rule", Fields("20000", area), token);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLong.StatusCode);
        Assert.Contains("The window is between 1 minute and 7 days.", tooLongHtml, StringComparison.Ordinal);
        Assert.Equal(name, (await StoredRuleAsync(analyst, id)).Str("name"));

        var (saved, _) = await AccountForms.PostAsync(analyst, page, "edit-rule", Fields("30", area), token);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stored = await StoredRuleAsync(analyst, id);
        Assert.Equal(name + " v2", stored.Str("name"));
        Assert.Equal(30, stored.GetProperty("windowMinutes").GetInt32());
        Assert.Equal(4, stored.GetProperty("threshold").GetInt32());

        var hook = $"https://hooks.example.org/{MonitoringTestKit.Unique()}";
        var (badUrl, badUrlHtml) = await AccountForms.PostAsync(analyst, "/monitoring/alerts", "subscribe", new Dictionary<string, string> { ["Url"] = "ftp://nope" }, token);
        Assert.Equal(HttpStatusCode.OK, badUrl.StatusCode);
        Assert.Contains("The webhook is an absolute http or https URL. Nothing was subscribed.", badUrlHtml, StringComparison.Ordinal);
        var (subscribed, subscribedHtml) = await AccountForms.PostAsync(analyst, "/monitoring/alerts", "subscribe", new Dictionary<string, string> { ["Url"] = hook }, token);
        Assert.Equal(HttpStatusCode.OK, subscribed.StatusCode);
        Assert.Matches("The signing secret, shown this once: <code>[0-9a-f]{64}</code>", subscribedHtml);
        var subscription = Assert.Single((await (await analyst.GetPathAsync("/api/v1/alerts/subscriptions")).JsonAsync(HttpStatusCode.OK)).EnumerateArray());
        Assert.Equal(hook, subscription.Str("url"));
        Assert.Contains(hook, subscribedHtml, StringComparison.Ordinal);

        // Another analyst's page lists none of it.
        using var other = await app.ClientAsync("Analyst", "CSEC", ClassificationLevels.Secret);
        var (_, otherHtml) = await AccountForms.GetPageAsync(other, "/monitoring/alerts");
        Assert.DoesNotContain(hook, otherHtml, StringComparison.Ordinal);
        Assert.Contains("You have no webhook subscriptions.", otherHtml, StringComparison.Ordinal);

        var (deleted, deletedHtml) = await AccountForms.PostAsync(analyst, "/monitoring/alerts", $"unsubscribe-{Guid.Parse(subscription.Str("id")):N}",
            new Dictionary<string, string>(), token);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Contains("The subscription was deleted", deletedHtml, StringComparison.Ordinal);
        Assert.Empty((await (await analyst.GetPathAsync("/api/v1/alerts/subscriptions")).JsonAsync(HttpStatusCode.OK)).EnumerateArray());

        // A delegate's alerts page has none of the managing sections.
        using var delegateFra = await app.DelegateAsync("FRA", ClassificationLevels.Secret);
        var (_, delegateHtml) = await AccountForms.GetPageAsync(delegateFra, $"/monitoring/alerts?rule={id}");
        Assert.DoesNotContain("webhook subscriptions", delegateHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"WindowMinutes\"", delegateHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_alerts_page_creates_a_rule_and_refuses_a_bad_one_without_storing_anything()
    {
        using var analyst = await app.ClientAsync("Analyst", "CSEC", ClassificationLevels.Secret);
        var name = "New page rule " + MonitoringTestKit.Unique();
        var (opened, html) = await AccountForms.GetPageAsync(analyst, "/monitoring/alerts?new=true");
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Contains("New rule", html, StringComparison.Ordinal);
        var token = AntiforgeryToken().Match(html).Groups[1].Value;
        Dictionary<string, string> Fields(string region) => new()
        {
            ["Name"] = name, ["Kind"] = "ViolationCount", ["Region"] = region, ["Area"] = "", ["WindowMinutes"] = "120", ["Threshold"] = "7",
            ["SpikeFactor"] = "3",
        };

        var (refused, refusedHtml) = await AccountForms.PostAsync(analyst, "/monitoring/alerts?new=true", "create-rule", Fields("Atlantis"), token);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("'Atlantis' is not an oblast.", refusedHtml, StringComparison.Ordinal);
        Assert.Contains("No rule was created.", refusedHtml, StringComparison.Ordinal);
        var rules = await (await analyst.GetPathAsync("/api/v1/alert-rules")).JsonAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(rules.EnumerateArray(), r => r.Str("name") == name);

        var (created, _) = await AccountForms.PostAsync(analyst, "/monitoring/alerts?new=true", "create-rule", Fields(""), token);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        rules = await (await analyst.GetPathAsync("/api/v1/alert-rules")).JsonAsync(HttpStatusCode.OK);
        var rule = Assert.Single(rules.EnumerateArray(), r => r.Str("name") == name);
        Assert.Equal(120, rule.GetProperty("windowMinutes").GetInt32());
        Assert.Equal(7, rule.GetProperty("threshold").GetInt32());
    }
}

public sealed class AlertManagementTestsOnSqlite(SqliteApp app) : AlertManagementTests<SqliteApp>(app);

public sealed class AlertManagementTestsOnPostgres(PostgresApp app) : AlertManagementTests<PostgresApp>(app);
