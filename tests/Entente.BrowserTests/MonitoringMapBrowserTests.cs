using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Entente.Infrastructure.Labels;

namespace Entente.BrowserTests;

public sealed class MonitoringMapBrowserTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A winding line of contact through the east, with a security zone either side and a withdrawal zone to its east.</summary>
    private static readonly double[][] Line =
    [
        [37.95, 49.25], [37.85, 48.95], [37.98, 48.65], [37.82, 48.35], [37.70, 48.05], [37.55, 47.75], [37.30, 47.45], [36.95, 47.25],
    ];

    private static double[][] Shifted(double dLon) => [.. Line.Select(p => new[] { p[0] + dLon, p[1] })];

    private static double[][] Band(double west, double east) => [.. Shifted(west), .. Shifted(east).Reverse(), Shifted(west)[0]];

    private static object Agreement(string code) => new
    {
        code,
        name = "Thirty-day ceasefire " + code,
        parties = "West; East",
        terms = "A thirty-day ceasefire along the line of contact; heavy weapons withdrawn beyond the withdrawal lines.",
        startsAt = DateTimeOffset.UtcNow.AddDays(-6),
        endsAt = DateTimeOffset.UtcNow.AddDays(24),
        label = new { classification = "PUBLIC" },
        zones = new
        {
            type = "FeatureCollection",
            features = new object[]
            {
                new { type = "Feature", properties = new { kind = "lineOfContact", name = "Line of contact", leftSide = "East", rightSide = "West" }, geometry = new { type = "LineString", coordinates = Line } },
                new { type = "Feature", properties = new { kind = "securityZone", name = "Security zone" }, geometry = new { type = "Polygon", coordinates = new[] { Band(-0.12, 0.12) } } },
                new { type = "Feature", properties = new { kind = "withdrawalZone", name = "Eastern withdrawal zone", weaponClasses = new[] { "artillery", "mlrs", "tank" } }, geometry = new { type = "Polygon", coordinates = new[] { Band(0.12, 0.45) } } },
            },
        },
    };

    private static string Observations(int count)
    {
        var random = new Random(7);
        string[] types = ["explosionImpact", "explosionOutgoing", "explosionUndetermined", "bursts", "shots", "illuminationFlares", "weaponInWithdrawalZone", "movement"];
        var rows = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var p = Line[random.Next(Line.Length - 1)];
            var q = Line[Array.IndexOf(Line, p) + 1];
            var t = random.NextDouble();
            var type = types[random.Next(types.Length)];
            var row = new Dictionary<string, object?>
            {
                ["sourceKind"] = i % 3 == 0 ? "monitorTeam" : "machineFeed",
                ["source"] = i % 3 == 0 ? "team-east-1" : "sensor-net-east",
                ["sourceRef"] = "browser-" + i.ToString(CultureInfo.InvariantCulture),
                ["observedFrom"] = DateTimeOffset.UtcNow.AddHours(-2 - random.Next(5 * 24)),
                ["timePrecision"] = "minute",
                ["latitude"] = p[1] + ((q[1] - p[1]) * t) + ((random.NextDouble() - 0.5) * 0.1),
                ["longitude"] = p[0] + ((q[0] - p[0]) * t) + ((random.NextDouble() - 0.5) * 0.5),
                ["means"] = "sensor",
                ["type"] = type,
                ["count"] = 1 + random.Next(6),
                ["weapon"] = type == "weaponInWithdrawalZone" ? "artillery" : null,
                ["classification"] = i % 4 == 0 ? "PUBLIC" : "RESTRICTED",
            };
            rows.AppendLine(JsonSerializer.Serialize(row));
        }

        return rows.ToString();
    }

    [Fact]
    public async Task The_map_page_draws_the_base_map_zones_and_points_under_the_content_security_policy()
    {
        var user = await app.CreateUserAsync("Secretariat", "CSEC", ClassificationLevels.Secret, twoFactor: true);
        var token = await app.IssueTokenAsync(user, "browser");
        using (var api = app.Anonymous())
        {
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var agreement = new StringContent(JsonSerializer.Serialize(Agreement("CF-MAP"), Web), Encoding.UTF8, "application/json");
            Assert.Equal(HttpStatusCode.Created, (await api.PostAsync(new Uri("/api/v1/agreements", UriKind.Relative), agreement, Ct)).StatusCode);
            using var batch = new StringContent(Observations(240), Encoding.UTF8, "application/x-ndjson");
            var ingested = await api.PostAsync(new Uri("/api/v1/observations/batch", UriKind.Relative), batch, Ct);
            var result = JsonDocument.Parse(await ingested.Content.ReadAsStringAsync(Ct)).RootElement;
            Assert.True(result.GetProperty("stored").GetInt32() == 240, result.ToString());
        }

        var (context, page, errors) = await app.NewPageAsync(1280, 1000);
        await using (context)
        {
            await context.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" });
            var response = await page.GotoAsync("/monitoring/map?layer=observations");
            Assert.Equal(200, response!.Status);
            await page.Locator("#monitoring-map[data-loaded='true']").WaitForAsync();
            await page.Locator("#timeline canvas[role='img']").WaitForAsync();

            // 27 oblasts and the agreement's three zones are drawn as vector paths; the points are clustered.
            await page.Locator("#monitoring-map path.leaflet-interactive").Nth(29).WaitForAsync(new() { State = Microsoft.Playwright.WaitForSelectorState.Attached });
            Assert.True(await page.Locator("#monitoring-map .marker-cluster").CountAsync() > 0);

            // The neighbouring countries lie beneath as a muted layer that takes no pointer events.
            var countries = int.Parse(await page.Locator("#monitoring-map").GetAttributeAsync("data-countries") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(countries >= 7, $"expected at least the seven neighbours, found {countries}");
            Assert.True(await page.Locator("#monitoring-map path:not(.leaflet-interactive)").CountAsync() >= countries);
            // Other tests of this class share the host and may have filed observations too.
            var drawn = int.Parse(await page.Locator("#monitoring-map").GetAttributeAsync("data-count") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(drawn >= 240, $"expected the 240 observations on the map, found {drawn}");
            Assert.True(await page.Locator("table.monitoring-items tbody tr").CountAsync() > 0);
            Assert.Empty(errors);

            if (Environment.GetEnvironmentVariable("ENTENTE_SCREENSHOTS") is { Length: > 0 } folder)
            {
                Directory.CreateDirectory(folder);
                await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "monitoring-map.png"), FullPage = false });
            }
        }
    }

    [Fact]
    public async Task A_monitor_files_an_observation_from_a_phone_sized_screen()
    {
        var secretariat = await app.CreateUserAsync("Secretariat", "CSEC", ClassificationLevels.Secret, twoFactor: true);
        using (var api = app.Anonymous())
        {
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.IssueTokenAsync(secretariat, "browser"));
            using var agreement = new StringContent(JsonSerializer.Serialize(Agreement("CF-PHONE"), Web), Encoding.UTF8, "application/json");
            Assert.Equal(HttpStatusCode.Created, (await api.PostAsync(new Uri("/api/v1/agreements", UriKind.Relative), agreement, Ct)).StatusCode);
        }

        var monitor = await app.CreateUserAsync("Monitor", "CSEC", ClassificationLevels.Confidential, twoFactor: true);
        var token = await app.IssueTokenAsync(monitor, "browser");
        var (context, page, errors) = await app.NewPageAsync(390, 844);
        await using (context)
        {
            await context.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" });
            await page.GotoAsync("/monitoring/observe");
            await page.GetByLabel("Team").FillAsync("team-phone");
            await page.GetByLabel("Type").SelectOptionAsync("ExplosionOutgoing");
            await page.GetByLabel("How many").FillAsync("4");
            await page.GetByLabel("Where I stood, the bearing and the distance").CheckAsync();
            await page.GetByLabel("Your latitude").FillAsync("48.4");
            await page.GetByLabel("Your longitude").FillAsync("37.6");
            await page.GetByLabel("Bearing (degrees from north)").FillAsync("270");
            await page.GetByLabel("Distance", new() { Exact = true }).SelectOptionAsync("FiveToTenKm");

            // Inputs are large enough to hit with a thumb.
            var box = await page.GetByLabel("Your latitude").BoundingBoxAsync();
            Assert.True(box!.Height >= 44, $"input height {box.Height}");
            await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "File the observation" }).ClickAsync();
            await page.GetByText("Observation stored").WaitForAsync();
            Assert.Empty(errors);

            if (Environment.GetEnvironmentVariable("ENTENTE_SCREENSHOTS") is { Length: > 0 } folder)
            {
                Directory.CreateDirectory(folder);
                await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "monitoring-observe.png") });
            }
        }
    }
}
