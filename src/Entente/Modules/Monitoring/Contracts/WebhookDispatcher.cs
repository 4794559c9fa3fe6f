using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Modules.Monitoring.Domain;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Monitoring.Contracts;

/// <summary>Settings of the monitoring jobs (section <c>Entente:Monitoring:Jobs</c>).</summary>
public sealed class MonitoringJobOptions
{
    public const string Section = "Entente:Monitoring:Jobs";

    /// <summary>Whether this instance runs the alert and report jobs (each still runs once across instances, by lease).</summary>
    public bool Run { get; set; } = true;

    /// <summary>How often the alert job evaluates the rules and delivers webhooks.</summary>
    public TimeSpan AlertInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How far back the alert job evaluates, to catch observations whose batch-time evaluation failed.</summary>
    public TimeSpan AlertLookBack { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Delay before the first retry of a failed webhook delivery; doubled for each further attempt.</summary>
    public TimeSpan WebhookRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public int WebhookMaxAttempts { get; set; } = 8;

    /// <summary>Local time of the reporting cut-off, in <see cref="ReportTimeZone"/>.</summary>
    public TimeOnly ReportCutOff { get; set; } = new(19, 30);

    /// <summary>IANA time zone of the reporting day.</summary>
    public string ReportTimeZone { get; set; } = "Europe/Kyiv";

    /// <summary>How often the report job looks for days whose cut-off has passed.</summary>
    public TimeSpan ReportInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The most days the report job catches up at once (after a long stop).</summary>
    public int ReportCatchUpDays { get; set; } = 31;
}

/// <summary>The JSON body POSTed to a webhook subscriber.</summary>
public sealed record AlertPayload(
    Guid Id, string Rule, AlertRuleKind Kind, string Headline, string Description, DateTime WindowFrom, DateTime WindowTo, int Count,
    double Latitude, double Longitude, string? Area, DateTime RaisedAt, string Classification, string Tlp);

/// <summary>
/// Delivers queued alerts to webhook subscribers: an HTTP POST of <see cref="AlertPayload"/> with
/// <c>X-Entente-Timestamp</c> (Unix seconds) and <c>X-Entente-Signature: sha256=HEX</c>, the HMAC-SHA256 under the
/// subscriber's secret of <c>timestamp + "." + body</c>. A failed attempt (no answer, or not 2xx) is retried after
/// <see cref="MonitoringJobOptions.WebhookRetryDelay"/>, doubled each time, up to the maximum number of attempts.
/// Each delivery is claimed with a conditional update before it is sent, so two dispatchers that overlap (a job lease
/// that lapsed during a slow tick, on several instances) never both send it; each outcome is saved as it comes, so a
/// crash mid-tick repeats at most the attempt in flight (subscribers deduplicate on <c>X-Entente-Delivery</c>).
/// </summary>
public sealed class WebhookDispatcher(EntenteDbContext db, IHttpClientFactory clients, Registry.Contracts.ISecurityPolicyCatalog policies,
    Microsoft.Extensions.Options.IOptions<MonitoringJobOptions> options, TimeProvider time)
{
    public const string ClientName = "webhooks";
    public const string SignatureHeader = "X-Entente-Signature";
    public const string TimestampHeader = "X-Entente-Timestamp";
    public const string DeliveryHeader = "X-Entente-Delivery";

    /// <summary>
    /// How long a claimed delivery is left to the dispatcher that claimed it: longer than an attempt can take (the
    /// webhook client's timeout), after which a dispatcher that died mid-attempt is assumed gone and it is due again.
    /// </summary>
    public static readonly TimeSpan ClaimDuration = TimeSpan.FromMinutes(2);

    /// <summary>Makes every due attempt; returns how many deliveries succeeded.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var due = await db.WebhookDeliveries.Where(d => d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now)
            .OrderBy(d => d.NextAttemptAt).Take(200).ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }

        var subscriptionIds = due.Select(d => d.SubscriptionId).Distinct().ToList();
        var alertIds = due.Select(d => d.AlertId).Distinct().ToList();
        var subscriptions = await db.WebhookSubscriptions.Where(s => subscriptionIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        var alerts = await db.Alerts.IgnoreQueryFilters().AsNoTracking().Where(a => alertIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, cancellationToken);
        // Checked again at each attempt: the owner may have lost clearance, release or sharing group since it was queued.
        var owners = await UserScopes.OfAsync(db, subscriptions.Values.Where(s => s.OwnerId != null).Select(s => s.OwnerId!.Value), cancellationToken);
        var client = clients.CreateClient(ClientName);
        var policy = policies.Current;
        var delivered = 0;
        foreach (var delivery in due)
        {
            if (!await ClaimAsync(delivery, now, cancellationToken))
            {
                db.Entry(delivery).State = EntityState.Detached;
                continue;
            }

            var subscription = subscriptions[delivery.SubscriptionId];
            var alert = alerts[delivery.AlertId];
            var settings = options.Value;
            if (!subscription.MayReceive(alert.Label, owners))
            {
                delivery.Failed(null, "The subscription is inactive or may no longer read the alert.", now, settings.WebhookRetryDelay, 0);
                await db.SaveChangesAsync(cancellationToken);
                continue;
            }

            var body = JsonSerializer.Serialize(new AlertPayload(alert.Id, alert.RuleName, alert.Kind, alert.Headline, alert.Description, alert.WindowFrom,
                alert.WindowTo, alert.Count, alert.Latitude, alert.Longitude, alert.Area, alert.RaisedAt, policy.CodeOf(alert.Label.Classification),
                alert.Label.Tlp.ToString().ToUpperInvariant()), JsonSerializerOptions.Web);
            var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url)
            {
                Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
            };
            request.Headers.Add(TimestampHeader, timestamp);
            request.Headers.Add(SignatureHeader, "sha256=" + Sign(subscription.Secret, timestamp, body));
            request.Headers.Add(DeliveryHeader, delivery.Id.ToString());
            try
            {
                using var response = await client.SendAsync(request, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    delivery.Succeeded((int)response.StatusCode, time.GetUtcNow().UtcDateTime);
                    delivered++;
                }
                else
                {
                    delivery.Failed((int)response.StatusCode, $"HTTP {(int)response.StatusCode}", time.GetUtcNow().UtcDateTime,
                        settings.WebhookRetryDelay, settings.WebhookMaxAttempts);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                delivery.Failed(null, ex.Message, time.GetUtcNow().UtcDateTime, settings.WebhookRetryDelay, settings.WebhookMaxAttempts);
            }

            // The outcome replaces the claim's time: a failed attempt sets the next one, a finished delivery is no longer pending.
            await db.SaveChangesAsync(cancellationToken);
        }

        return delivered;
    }

    /// <summary>
    /// Takes <paramref name="delivery"/> for this dispatcher: moves its next attempt past <see cref="ClaimDuration"/>
    /// only if it is still pending at the time this dispatcher read. False when another dispatcher got there first.
    /// </summary>
    private async Task<bool> ClaimAsync(WebhookDelivery delivery, DateTime now, CancellationToken cancellationToken)
    {
        var seen = delivery.NextAttemptAt;
        var claimedUntil = now + ClaimDuration;
        var claimed = await db.WebhookDeliveries
            .Where(d => d.Id == delivery.Id && d.Status == DeliveryStatus.Pending && d.NextAttemptAt == seen)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.NextAttemptAt, claimedUntil), cancellationToken);
        return claimed == 1;
    }

    /// <summary>Lower-case hex HMAC-SHA256 of <c>timestamp.body</c> under <paramref name="secret"/>.</summary>
    public static string Sign(string secret, string timestamp, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + body)));
}
