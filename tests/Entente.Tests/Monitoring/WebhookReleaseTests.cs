using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Entente.Infrastructure.Labels;
using Entente.Modules.Monitoring.Contracts;
using Entente.Modules.Sharing.Domain;
using Entente.Testing;
using Entente.Testing.Processes;
using Entente.Tests.Registry;
using Microsoft.EntityFrameworkCore;

namespace Entente.Tests.Monitoring;

/// <summary>A webhook delivers an alert only where its owner could read that alert under the label rules.</summary>
public abstract class WebhookReleaseTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    private static async Task<JsonElement> SubscribeAsync(HttpClient client, string url) =>
        await (await client.PostJsonAsync("/api/v1/alerts/subscriptions", new { url })).JsonAsync(HttpStatusCode.Created);

    private static async Task<List<JsonElement>> DeliveriesAsync(HttpClient owner, JsonElement subscription) =>
        [.. (await (await owner.GetPathAsync($"/api/v1/alerts/subscriptions/{subscription.Str("id")}/deliveries")).JsonAsync(HttpStatusCode.OK)).EnumerateArray()];

    [Fact]
    public async Task An_alert_restricted_to_a_sharing_group_reaches_only_the_subscribers_whose_member_is_in_the_group_now()
    {
        await app.AgreementAsync();
        var group = Guid.CreateVersion7();
        await app.DbAsync(async db =>
        {
            db.SharingGroups.Add(new SharingGroup
            {
                Id = group,
                Name = "Artillery watch " + MonitoringTestKit.Unique(),
                OwnerMember = "CSEC",
                CreatedAt = DateTime.UtcNow,
                Members =
                [
                    new SharingGroupMember { GroupId = group, MemberCode = "CSEC", AddedAt = DateTime.UtcNow },
                    new SharingGroupMember { GroupId = group, MemberCode = "POL", AddedAt = DateTime.UtcNow },
                ],
            });
            return await db.SaveChangesAsync(RegistryTestClient.Ct);
        });

        var port = HostProcess.FreePort();
        var url = $"http://127.0.0.1:{port}/hook/";
        using var listener = new HttpListener();
        listener.Prefixes.Add(url);
        listener.Start();
        var received = new ConcurrentQueue<string?>();
        var serving = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    var context = await listener.GetContextAsync();
                    received.Enqueue(context.Request.Headers["X-Entente-Delivery"]);
                    context.Response.StatusCode = 204;
                    context.Response.Close();
                }
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                // The listener stopped at the end of the test.
            }
        }, RegistryTestClient.Ct);

        // Three subscribers: one in the group, one whose member leaves it before delivery, and one with higher
        // clearance that was never in it (clearance alone used to be enough).
        using var member = await app.ClientAsync("Analyst", "CSEC", ClassificationLevels.Confidential);
        using var leaving = await app.ClientAsync("Analyst", "POL", ClassificationLevels.Confidential);
        using var outsider = await app.ClientAsync("Analyst", "FRA", ClassificationLevels.Secret);
        var memberHook = await SubscribeAsync(member, url);
        var leavingHook = await SubscribeAsync(leaving, url);
        var outsiderHook = await SubscribeAsync(outsider, url);

        var rule = await (await member.PostJsonAsync("/api/v1/alert-rules", new
        {
            name = $"Group heavy weapons {MonitoringTestKit.Unique()}",
            kind = "heavyWeaponInWithdrawalZone",
            area = Square(48.70, 37.69),
            windowMinutes = 60,
            threshold = 1,
            label = new { classification = "RESTRICTED", sharingGroupId = group },
        })).JsonAsync(HttpStatusCode.Created);

        using var monitor = await app.MonitorAsync();
        await monitor.BatchAsync([MonitoringTestKit.Observation("hook-" + MonitoringTestKit.Unique(), "1", 48.71, 37.70, DateTimeOffset.UtcNow.AddHours(-1),
            type: "weaponInWithdrawalZone", weapon: "artillery", classification: "CONFIDENTIAL")]);
        var alert = await app.DbAsync(db => db.Alerts.SingleAsync(a => a.RuleId == Guid.Parse(rule.Str("id")), RegistryTestClient.Ct));
        Assert.Equal(group, alert.Label.SharingGroupId);

        // Queued for the group's members only.
        Assert.Single(await DeliveriesAsync(member, memberHook), d => d.Str("alertId") == alert.Id.ToString());
        Assert.Single(await DeliveriesAsync(leaving, leavingHook), d => d.Str("alertId") == alert.Id.ToString());
        Assert.Empty(await DeliveriesAsync(outsider, outsiderHook));

        // POL leaves the group before the delivery job runs: its queued delivery is dropped, never sent.
        await app.DbAsync(db => db.SharingGroupMembers.Where(m => m.GroupId == group && m.MemberCode == "POL").ExecuteDeleteAsync(RegistryTestClient.Ct));
        await app.AsSystemAsync(sp => AlertJob.RunOnceAsync(sp, RegistryTestClient.Ct));

        var delivered = Assert.Single(await DeliveriesAsync(member, memberHook));
        Assert.Equal("delivered", delivered.Str("status"));
        var dropped = Assert.Single(await DeliveriesAsync(leaving, leavingHook));
        Assert.Equal("failed", dropped.Str("status"));
        Assert.Contains("may no longer read", dropped.Str("lastError"), StringComparison.Ordinal);
        Assert.Empty(await DeliveriesAsync(outsider, outsiderHook));
        Assert.Equal([delivered.Str("id")], received);

        listener.Stop();
        await serving;
    }

    /// <summary>A small square (about 2 km) with its south-west corner at the given point.</summary>
    private static object Square(double lat, double lon) => new
    {
        type = "Polygon",
        coordinates = new[] { new[] { new[] { lon, lat }, new[] { lon + 0.02, lat }, new[] { lon + 0.02, lat + 0.02 }, new[] { lon, lat + 0.02 }, new[] { lon, lat } } },
    };
}

public sealed class WebhookReleaseTestsOnSqlite(SqliteApp app) : WebhookReleaseTests<SqliteApp>(app);

public sealed class WebhookReleaseTestsOnPostgres(PostgresApp app) : WebhookReleaseTests<PostgresApp>(app);
