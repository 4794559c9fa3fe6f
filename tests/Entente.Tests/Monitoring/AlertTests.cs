using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Entente.Infrastructure.Labels;
using Entente.Modules.Monitoring.Contracts;
using Entente.Modules.Monitoring.Domain;
using Entente.Testing;
using Entente.Testing.Processes;
using Entente.Tests.Identity;
using Entente.Tests.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Entente.Tests.Monitoring;

public abstract class AlertTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    /// <summary>A small square (about 2 km) with its south-west corner at the given point: an area no other test uses.</summary>
    private static object Square(double lat, double lon) => new
    {
        type = "Polygon",
        coordinates = new[] { new[] { new[] { lon, lat }, new[] { lon + 0.02, lat }, new[] { lon + 0.02, lat + 0.02 }, new[] { lon, lat + 0.02 }, new[] { lon, lat } } },
    };

    private async Task<string> RuleAsync(string kind, object area, int threshold = 3, object? label = null)
    {
        using var analyst = await app.ClientAsync("Analyst", "CSEC", ClassificationLevels.Secret);
        var rule = await (await analyst.PostJsonAsync("/api/v1/alert-rules", new
        {
            name = $"{kind} {MonitoringTestKit.Unique()}",
            kind,
            area,
            windowMinutes = 60,
            threshold,
            label = label ?? RegistryTestClient.PublicLabel,
        })).JsonAsync(HttpStatusCode.Created);
        return rule.Str("id");
    }

    private Task<List<Alert>> AlertsOfAsync(string ruleId) =>
        app.DbAsync(db => db.Alerts.Where(a => a.RuleId == Guid.Parse(ruleId)).ToListAsync(TestContext.Current.CancellationToken));

    [Fact]
    public async Task A_burst_of_violations_above_the_threshold_raises_one_alert_however_many_batches_carry_it()
    {
        await app.AgreementAsync();
        var rule = await RuleAsync("violationCount", Square(48.10, 37.40), threshold: 3);
        using var monitor = await app.MonitorAsync();
        var source = "burst-" + MonitoringTestKit.Unique();
        var at = DateTimeOffset.UtcNow.AddHours(-2);
        Dictionary<string, object?> Fire(int i) => MonitoringTestKit.Observation(source, $"{i}", 48.105 + (i % 10 * 0.001), 37.41, at.AddMinutes(i));

        await monitor.BatchAsync([Fire(1), Fire(2), Fire(3)]);
        Assert.Empty(await AlertsOfAsync(rule));

        await monitor.BatchAsync([Fire(4), Fire(5)]);
        await monitor.BatchAsync([Fire(6), Fire(7), Fire(8)]);
        await app.AsSystemAsync(sp => AlertJob.RunOnceAsync(sp, TestContext.Current.CancellationToken));

        var alert = Assert.Single(await AlertsOfAsync(rule));
        Assert.Equal(4, alert.Count);
        Assert.Equal(AlertStatus.Open, alert.Status);

        // Switched off, the rule ignores a second burst an hour later.
        using var analyst = await app.ClientAsync("Analyst", "CSEC", ClassificationLevels.Confidential);
        var off = await (await analyst.PutJsonAsync($"/api/v1/alert-rules/{rule}/enabled", false)).JsonAsync(HttpStatusCode.OK);
        Assert.False(off.GetProperty("enabled").GetBoolean());
        await monitor.BatchAsync([Fire(70), Fire(71), Fire(72), Fire(73), Fire(74)]);
        Assert.Single(await AlertsOfAsync(rule));
    }

    [Fact]
    public async Task A_heavy_weapon_reported_in_a_withdrawal_zone_raises_an_alert_that_an_analyst_acknowledges()
    {
        await app.AgreementAsync();
        var rule = await RuleAsync("heavyWeaponInWithdrawalZone", Square(48.30, 37.69));
        using var monitor = await app.MonitorAsync();
        var source = "team-" + MonitoringTestKit.Unique();
        var at = DateTimeOffset.UtcNow.AddHours(-1);
        await monitor.BatchAsync(
        [
            MonitoringTestKit.Observation(source, "tank-outside-its-class", 48.305, 37.70, at, type: "weaponInWithdrawalZone", weapon: "smallArms"),
            MonitoringTestKit.Observation(source, "guns", 48.31, 37.70, at, type: "weaponInWithdrawalZone", weapon: "artillery"),
        ]);

        var alert = Assert.Single(await AlertsOfAsync(rule));
        Assert.Contains("Artillery", alert.Headline, StringComparison.Ordinal);
        Assert.Contains("Eastern artillery withdrawal zone", alert.Area, StringComparison.Ordinal);

        using var analyst = await app.ClientAsync("Analyst", "CSEC", ClassificationLevels.Confidential);
        var acknowledged = await (await analyst.PostJsonAsync($"/api/v1/alerts/{alert.Id}/acknowledge", new { })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("acknowledged", acknowledged.Str("status"));
        await (await analyst.PostJsonAsync($"/api/v1/alerts/{alert.Id}/acknowledge", new { })).ProblemAsync(HttpStatusCode.Conflict, "/problems/monitoring.alert-acknowledged");

        var browser = app.CookieClient();
        await AccountForms.SignInAsync(browser, await app.CreateUserAsync("Analyst", "CSEC", ClassificationLevels.Confidential));
        var (page, html) = await AccountForms.GetPageAsync(browser, "/monitoring/alerts");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(alert.Headline, html, StringComparison.Ordinal);
        Assert.Contains("Acknowledged by", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_spike_against_the_trailing_week_raises_an_alert_but_the_usual_rate_does_not()
    {
        using var secretariat = await app.SecretariatAsync();
        await (await secretariat.PostJsonAsync("/api/v1/agreements",
            MonitoringTestKit.Agreement("CF-" + MonitoringTestKit.Unique().ToUpperInvariant(), DateTimeOffset.UtcNow.AddDays(-8)))).JsonAsync(HttpStatusCode.Created);
        var rule = await RuleAsync("spike", Square(47.40, 37.40), threshold: 3);
        using var monitor = await app.MonitorAsync();
        var source = "spike-" + MonitoringTestKit.Unique();
        var now = DateTimeOffset.UtcNow;

        // One an hour for the last few hours: the usual rate.
        await monitor.BatchAsync([.. Enumerable.Range(0, 6).Select(i =>
            MonitoringTestKit.Observation(source, $"usual-{i}", 47.405, 37.405 + (i * 0.001), now.AddDays(-6).AddHours(i)))]);
        Assert.Empty(await AlertsOfAsync(rule));

        await monitor.BatchAsync([.. Enumerable.Range(0, 6).Select(i =>
            MonitoringTestKit.Observation(source, $"spike-{i}", 47.41, 37.405 + (i * 0.001), now.AddMinutes(-30 + i)))]);
        var alert = Assert.Single(await AlertsOfAsync(rule));
        Assert.Equal(6, alert.Count);
        Assert.StartsWith("Spike", alert.Headline, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cap_feed_lists_only_the_alerts_the_caller_may_read_in_cap_1_2_element_order()
    {
        await app.AgreementAsync();
        var open = await RuleAsync("heavyWeaponInWithdrawalZone", Square(48.50, 37.69));
        var secret = await RuleAsync("heavyWeaponInWithdrawalZone", Square(48.60, 37.69));
        using var monitor = await app.MonitorAsync();
        var source = "cap-" + MonitoringTestKit.Unique();
        var at = DateTimeOffset.UtcNow.AddHours(-1);
        await monitor.BatchAsync(
        [
            MonitoringTestKit.Observation(source, "restricted", 48.51, 37.70, at, type: "weaponInWithdrawalZone", weapon: "mlrs", classification: "RESTRICTED"),
            MonitoringTestKit.Observation(source, "confidential", 48.61, 37.70, at, type: "weaponInWithdrawalZone", weapon: "mlrs", classification: "CONFIDENTIAL"),
        ]);
        var openAlert = Assert.Single(await AlertsOfAsync(open));
        var secretAlert = Assert.Single(await AlertsOfAsync(secret));

        using var fra = await app.DelegateAsync("FRA", ClassificationLevels.Restricted);
        var feed = XDocument.Parse(await (await fra.GetPathAsync("/api/v1/alerts/cap")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        XNamespace cap = Alerts_CapNamespace;
        var identifiers = feed.Descendants(cap + "identifier").Select(e => e.Value).ToList();
        Assert.Contains($"urn:entente:alert:{openAlert.Id}", identifiers);
        Assert.DoesNotContain($"urn:entente:alert:{secretAlert.Id}", identifiers);
        await (await fra.GetPathAsync($"/api/v1/alerts/{secretAlert.Id}")).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");

        using var anonymous = app.Anonymous();
        var publicFeed = XDocument.Parse(await (await anonymous.GetPathAsync("/api/v1/alerts/cap")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.DoesNotContain(publicFeed.Descendants(cap + "identifier"), e => e.Value.EndsWith(openAlert.Id.ToString(), StringComparison.Ordinal));

        foreach (var alert in feed.Descendants(cap + "alert"))
        {
            AssertInOrder(alert, ["identifier", "sender", "sent", "status", "msgType", "source", "scope", "restriction", "addresses", "code", "note",
                "references", "incidents", "info"]);
            Assert.Equal("Restricted", alert.Element(cap + "scope")!.Value);
            Assert.NotNull(alert.Element(cap + "restriction"));
            var info = alert.Element(cap + "info")!;
            AssertInOrder(info, ["language", "category", "event", "responseType", "urgency", "severity", "certainty", "audience", "eventCode",
                "effective", "onset", "expires", "senderName", "headline", "description", "instruction", "web", "contact", "parameter", "resource", "area"]);
            AssertInOrder(info.Element(cap + "area")!, ["areaDesc", "polygon", "circle", "geocode", "altitude", "ceiling"]);
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$", alert.Element(cap + "sent")!.Value);
        }
    }

    [Fact]
    public async Task A_webhook_receives_alerts_signed_with_its_secret_and_a_failed_delivery_is_retried()
    {
        await app.AgreementAsync();
        var port = HostProcess.FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/hook/");
        listener.Start();
        using var analyst = await app.ClientAsync("Analyst", "CSEC", ClassificationLevels.Confidential);
        var subscription = await (await analyst.PostJsonAsync("/api/v1/alerts/subscriptions", new { url = $"http://127.0.0.1:{port}/hook/" }))
            .JsonAsync(HttpStatusCode.Created);
        var key = subscription.Str("secret");
        using var uncleared = await app.ClientAsync("Analyst", "FRA", ClassificationLevels.Restricted);
        var excluded = await (await uncleared.PostJsonAsync("/api/v1/alerts/subscriptions", new { url = $"http://127.0.0.1:{port}/hook/" }))
            .JsonAsync(HttpStatusCode.Created);
        var rule = await RuleAsync("heavyWeaponInWithdrawalZone", Square(48.70, 37.69));

        var received = new List<(string Body, string? Timestamp, string? Signature)>();
        var serving = Task.Run(async () =>
        {
            for (var i = 0; i < 2; i++)
            {
                var context = await listener.GetContextAsync();
                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                received.Add((await reader.ReadToEndAsync(), context.Request.Headers[WebhookDispatcher.TimestampHeader],
                    context.Request.Headers[WebhookDispatcher.SignatureHeader]));
                context.Response.StatusCode = i == 0 ? 503 : 204;
                context.Response.Close();
            }
        }, TestContext.Current.CancellationToken);

        using var monitor = await app.MonitorAsync();
        await monitor.BatchAsync([MonitoringTestKit.Observation("hook-" + MonitoringTestKit.Unique(), "1", 48.71, 37.70, DateTimeOffset.UtcNow.AddHours(-1),
            type: "weaponInWithdrawalZone", weapon: "artillery", classification: "CONFIDENTIAL")]);
        var alert = Assert.Single(await AlertsOfAsync(rule));
        var notForFra = await (await uncleared.GetPathAsync($"/api/v1/alerts/subscriptions/{excluded.Str("id")}/deliveries")).JsonAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(notForFra.EnumerateArray(), d => d.Str("alertId") == alert.Id.ToString());

        await app.AsSystemAsync(sp => AlertJob.RunOnceAsync(sp, TestContext.Current.CancellationToken));
        var log = await (await analyst.GetPathAsync($"/api/v1/alerts/subscriptions/{subscription.Str("id")}/deliveries")).JsonAsync(HttpStatusCode.OK);
        var first = log.EnumerateArray().Single(d => d.Str("alertId") == alert.Id.ToString());
        Assert.Equal("pending", first.Str("status"));
        Assert.Equal(503, first.GetProperty("lastStatusCode").GetInt32());
        Assert.True(first.GetProperty("nextAttemptAt").GetDateTime() > DateTime.UtcNow.AddSeconds(10), "the retry waits for the backoff");

        await app.DbAsync(db => db.WebhookDeliveries.Where(d => d.AlertId == alert.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.NextAttemptAt, DateTime.UtcNow.AddSeconds(-1)), TestContext.Current.CancellationToken));
        await app.AsSystemAsync(sp => AlertJob.RunOnceAsync(sp, TestContext.Current.CancellationToken));
        await serving.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        log = await (await analyst.GetPathAsync($"/api/v1/alerts/subscriptions/{subscription.Str("id")}/deliveries")).JsonAsync(HttpStatusCode.OK);
        var done = log.EnumerateArray().Single(d => d.Str("alertId") == alert.Id.ToString());
        Assert.Equal("delivered", done.Str("status"));
        Assert.Equal(2, done.GetProperty("attempts").GetInt32());

        Assert.Equal(2, received.Count);
        foreach (var (body, timestamp, signature) in received)
        {
            var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(timestamp + "." + body)));
            Assert.Equal(expected, signature);
            Assert.Equal(alert.Id.ToString(), JsonDocument.Parse(body).RootElement.Str("id"));
        }
    }

    [Fact]
    public async Task Two_dispatchers_running_at_once_send_a_due_delivery_only_once()
    {
        await app.AgreementAsync();
        var port = HostProcess.FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/hook/");
        listener.Start();
        using var analyst = await app.ClientAsync("Analyst", "CSEC", ClassificationLevels.Confidential);
        var subscription = await (await analyst.PostJsonAsync("/api/v1/alerts/subscriptions", new { url = $"http://127.0.0.1:{port}/hook/" }))
            .JsonAsync(HttpStatusCode.Created);
        var rule = await RuleAsync("heavyWeaponInWithdrawalZone", Square(48.64, 37.61));

        // The receiver answers slowly, so the two dispatchers' attempts would overlap if both sent.
        var received = new System.Collections.Concurrent.ConcurrentQueue<string?>();
        using var stopServing = new CancellationTokenSource();
        var serving = Task.Run(async () =>
        {
            while (!stopServing.IsCancellationRequested)
            {
                var context = await listener.GetContextAsync().WaitAsync(stopServing.Token);
                received.Enqueue(context.Request.Headers[WebhookDispatcher.DeliveryHeader]);
                await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
                context.Response.StatusCode = 204;
                context.Response.Close();
            }
        }, TestContext.Current.CancellationToken);

        using var monitor = await app.MonitorAsync();
        await monitor.BatchAsync([MonitoringTestKit.Observation("hook-" + MonitoringTestKit.Unique(), "1", 48.65, 37.62, DateTimeOffset.UtcNow.AddHours(-1),
            type: "weaponInWithdrawalZone", weapon: "artillery", classification: "CONFIDENTIAL")]);
        var alert = Assert.Single(await AlertsOfAsync(rule));
        var subscriptionId = Guid.Parse(subscription.Str("id"));
        var delivery = await app.DbAsync(db => db.WebhookDeliveries.SingleAsync(d => d.AlertId == alert.Id && d.SubscriptionId == subscriptionId,
            TestContext.Current.CancellationToken));

        using var start = new Barrier(2);
        Task<int> Dispatch() => Task.Run(() =>
        {
            start.SignalAndWait(TestContext.Current.CancellationToken);
            return app.AsSystemAsync(sp => sp.GetRequiredService<WebhookDispatcher>().DispatchDueAsync(TestContext.Current.CancellationToken));
        }, TestContext.Current.CancellationToken);
        var outcomes = await Task.WhenAll(Dispatch(), Dispatch());
        await stopServing.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => serving);

        Assert.Single(received, id => id == delivery.Id.ToString());
        Assert.True(outcomes.Sum() >= 1, "one of the dispatchers delivered it");
        var stored = await app.DbAsync(db => db.WebhookDeliveries.AsNoTracking().SingleAsync(d => d.Id == delivery.Id, TestContext.Current.CancellationToken));
        Assert.Equal(DeliveryStatus.Delivered, stored.Status);
        Assert.Equal(1, stored.Attempts);
    }

    private const string Alerts_CapNamespace = "urn:oasis:names:tc:emergency:cap:1.2";

    /// <summary>Every child is a known element of the sequence, and they come in the sequence's order.</summary>
    private static void AssertInOrder(XElement parent, string[] sequence)
    {
        var positions = parent.Elements().Select(e => Array.IndexOf(sequence, e.Name.LocalName)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order().ToList(), positions);
    }
}

public sealed class AlertTestsOnSqlite(SqliteApp app) : AlertTests<SqliteApp>(app);

public sealed class AlertTestsOnPostgres(PostgresApp app) : AlertTests<PostgresApp>(app);
