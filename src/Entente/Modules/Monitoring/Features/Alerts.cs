using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Cryptography;
using System.Xml.Linq;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Infrastructure.Text;
using Entente.Modules.Monitoring.Domain;
using Entente.Modules.Registry.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Monitoring.Features;

/// <summary>An alert rule as a client sends it (see <see cref="EditAlertRuleInput"/> for an edit).</summary>
public record AlertRuleInput
{
    [Required]
    [StringLength(AlertRule.MaxNameLength)]
    public string Name { get; init; } = "";

    public AlertRuleKind Kind { get; init; }

    /// <summary>An oblast's name, for a rule over a region.</summary>
    [StringLength(100)]
    public string? Region { get; init; }

    /// <summary>A GeoJSON Polygon or MultiPolygon, for a rule over a drawn area.</summary>
    public System.Text.Json.JsonElement? Area { get; init; }

    public int WindowMinutes { get; init; } = 60;

    public int Threshold { get; init; } = 10;

    public double SpikeFactor { get; init; } = 3;

    public LabelInput? Label { get; init; }
}

public sealed record AlertRuleView(Guid Id, string Name, AlertRuleKind Kind, string? Region, bool HasArea, int WindowMinutes, int Threshold,
    double SpikeFactor, bool Enabled, int Version, LabelView Label);

public sealed record AlertView(Guid Id, Guid RuleId, string Rule, AlertRuleKind Kind, string Headline, string Description, DateTime WindowFrom,
    DateTime WindowTo, int Count, double Latitude, double Longitude, string? Area, DateTime RaisedAt, AlertStatus Status, DateTime? AcknowledgedAt,
    string? AcknowledgedBy, int Version, LabelView Label);

public sealed record SubscribeInput
{
    [Required]
    [StringLength(2000)]
    public string Url { get; init; } = "";
}

/// <summary>A new webhook subscription; its <c>Secret</c> (the HMAC-SHA256 key) is shown this once.</summary>
public sealed record SubscriptionCreated(Guid Id, string Url, string? Member, int Clearance, string Secret);

public sealed record DeliveryView(Guid Id, Guid AlertId, DeliveryStatus Status, int Attempts, DateTime NextAttemptAt, DateTime? LastAttemptAt,
    int? LastStatusCode, string? LastError);

/// <summary><c>/alert-rules</c> and <c>/alerts</c>: rules as data, the alerts they raise, webhooks and the CAP feed.</summary>
public static class Alerts
{
    public const string CapNamespace = "urn:oasis:names:tc:emergency:cap:1.2";
    public const string AtomNamespace = "http://www.w3.org/2005/Atom";

    public static DomainError NotFound { get; } = DomainError.NotFound("The alert");

    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapPost("/alert-rules", CreateRuleAsync).RequireAuthorization(MonitoringModule.ManageAlerts).Idempotent()
            .WithName("CreateAlertRule").WithSummary("Create an alert rule")
            .WithDescription("A count of violations in an area over a window above a threshold, a heavy weapon in a withdrawal zone, or a spike against the trailing seven days. The area is an oblast (region) or a GeoJSON polygon (area), or the whole agreement area.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapPut("/alert-rules/{id:guid}/enabled", SetEnabledAsync).RequireAuthorization(MonitoringModule.ManageAlerts)
            .WithName("EnableAlertRule").WithSummary("Switch an alert rule on or off")
            .WithDescription("Body: true or false. A rule switched off raises nothing; the alerts it raised stay.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/alert-rules", ListRulesAsync).RequireAuthorization().WithName("ListAlertRules").WithSummary("List alert rules");
        group.MapGet("/alerts", ListAsync).AllowAnonymous().WithName("ListAlerts").WithSummary("List alerts")
            .WithDescription("Alerts released to you, newest first. An alert carries the join of its rule's label and its observations' labels.");
        group.MapGet("/alerts/cap", CapFeedAsync).AllowAnonymous().WithName("AlertsCapFeed").WithSummary("Alerts as a CAP 1.2 feed")
            .WithDescription("An Atom feed whose entries each hold one CAP 1.2 alert; only the alerts released to you (anonymous callers: PUBLIC alerts only).")
            .Produces(StatusCodes.Status200OK, contentType: "application/atom+xml");
        group.MapGet("/alerts/{id:guid}", GetAsync).AllowAnonymous().WithName("GetAlert").WithSummary("Get an alert").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/alerts/{id:guid}/acknowledge", AcknowledgeAsync).RequireAuthorization(MonitoringModule.ManageAlerts)
            .WithName("AcknowledgeAlert").WithSummary("Acknowledge an alert")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/alerts/subscriptions", SubscribeAsync).RequireAuthorization(MonitoringModule.ManageAlerts).Idempotent()
            .WithName("SubscribeToAlerts").WithSummary("Subscribe a webhook to alerts")
            .WithDescription("The webhook receives, as signed POSTs, the alerts that your member and clearance may read. The secret is shown once.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/alerts/subscriptions/{id:guid}/deliveries", DeliveriesAsync).RequireAuthorization(MonitoringModule.ManageAlerts)
            .WithName("ListAlertDeliveries").WithSummary("The delivery log of a webhook subscription").ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static async Task<Results<Created<AlertRuleView>, ProblemHttpResult>> CreateRuleAsync(
        AlertRuleInput request, EntenteDbContext db, ISecurityPolicyCatalog catalog, OblastLocator oblasts, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var rule = await ExecuteCreateRuleAsync(request, db, catalog, oblasts, time, cancellationToken);
        return rule.IsSuccess
            ? TypedResults.Created($"/api/v1/alert-rules/{rule.Value!.Id}", View(rule.Value!, catalog.Current))
            : rule.Error!.ToProblem();
    }

    /// <summary>Creates a rule (the API and the alerts page): checked, stored and audited, or refused with nothing stored.</summary>
    public static async Task<Result<AlertRule>> ExecuteCreateRuleAsync(
        AlertRuleInput request, EntenteDbContext db, ISecurityPolicyCatalog catalog, OblastLocator oblasts, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(oblasts);
        ArgumentNullException.ThrowIfNull(time);
        var input = await ResolveRuleInputAsync(request, db, catalog, oblasts, null, cancellationToken);
        if (!input.IsSuccess)
        {
            return input.Error!;
        }

        var (region, area, label) = input.Value!;
        var rule = AlertRule.Create(request.Name, request.Kind, region, area, request.WindowMinutes, request.Threshold, request.SpikeFactor, label,
            time.GetUtcNow().UtcDateTime, db.Caller.ActorName);
        if (!rule.IsSuccess)
        {
            return rule.Error!;
        }

        db.AlertRules.Add(rule.Value!);
        await db.SaveChangesAsync(cancellationToken);
        return rule.Value!;
    }

    /// <summary>
    /// The region, area and label of a rule as sent, checked and resolved (the same for a new rule and an edited one). The
    /// edited rule's label (<c>current</c>) is kept when the request sends none; a new rule is RESTRICTED by default.
    /// </summary>
    internal static async Task<Result<(string? Region, string? Area, Label Label)>> ResolveRuleInputAsync(AlertRuleInput request, EntenteDbContext db,
        ISecurityPolicyCatalog catalog, OblastLocator oblasts, Label? current, CancellationToken cancellationToken)
    {
        string? region = null;
        if (!string.IsNullOrWhiteSpace(request.Region))
        {
            region = oblasts.Find(request.Region);
            if (region is null)
            {
                return DomainError.Invalid("region", $"'{PlainText.Shorten(request.Region, 100)}' is not an oblast. Use one of: {string.Join(", ", oblasts.Names)}.");
            }
        }

        string? area = null;
        if (request.Area is { ValueKind: not System.Text.Json.JsonValueKind.Null and not System.Text.Json.JsonValueKind.Undefined } json)
        {
            area = json.GetRawText();
            if (area.Length > AlertRule.MaxAreaLength || OblastLocator.ReadArea(area) is null)
            {
                return DomainError.Invalid("area", "The area is not a valid GeoJSON Polygon or MultiPolygon.");
            }
        }

        if (request.Label is null && current is not null)
        {
            return (region, area, current);
        }

        var label = await LabelRules.ResolveAsync(request.Label ?? new LabelInput { Classification = "RESTRICTED" }, db.Caller, catalog, db, current,
            cancellationToken: cancellationToken);
        return label.IsSuccess ? (region, area, label.Value!) : label.Error!;
    }

    public static async Task<Results<Ok<AlertRuleView>, ProblemHttpResult>> SetEnabledAsync(
        Guid id, [Microsoft.AspNetCore.Mvc.FromBody] bool enabled, EntenteDbContext db, ISecurityPolicyCatalog catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var rule = await db.AlertRules.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (rule is null)
        {
            return DomainError.NotFound("The alert rule").ToProblem();
        }

        rule.SetEnabled(enabled);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(View(rule, catalog.Current));
    }

    public static async Task<Ok<List<AlertRuleView>>> ListRulesAsync(EntenteDbContext db, ISecurityPolicyCatalog catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var rules = await db.AlertRules.AsNoTracking().OrderBy(r => r.Name).ToListAsync(cancellationToken);
        return TypedResults.Ok(rules.Select(r => View(r, catalog.Current)).ToList());
    }

    public static async Task<Ok<Paged<AlertView>>> ListAsync(
        [AsParameters] PageRequest page, EntenteDbContext db, ISecurityPolicyCatalog catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var policy = catalog.Current;
        return TypedResults.Ok(await db.Alerts.AsNoTracking().OrderByDescending(a => a.RaisedAt).ThenBy(a => a.Id)
            .ToPagedAsync(page, a => View(a, policy), cancellationToken));
    }

    public static async Task<Results<Ok<AlertView>, ProblemHttpResult>> GetAsync(Guid id, EntenteDbContext db, ISecurityPolicyCatalog catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var alert = await db.Alerts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        return alert is null ? NotFound.ToProblem() : TypedResults.Ok(View(alert, catalog.Current));
    }

    public static async Task<Results<Ok<AlertView>, ProblemHttpResult>> AcknowledgeAsync(
        Guid id, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(time);
        var alert = await db.Alerts.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (alert is null)
        {
            return NotFound.ToProblem();
        }

        var done = alert.Acknowledge(db.Caller.ActorName, time.GetUtcNow().UtcDateTime);
        if (!done.IsSuccess)
        {
            return done.Error!.ToProblem();
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(View(alert, catalog.Current));
    }

    public static async Task<Results<Created<SubscriptionCreated>, ProblemHttpResult>> SubscribeAsync(
        SubscribeInput request, EntenteDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var created = await ExecuteSubscribeAsync(request.Url, db, time, cancellationToken);
        return created.IsSuccess
            ? TypedResults.Created($"/api/v1/alerts/subscriptions/{created.Value!.Id}", created.Value)
            : created.Error!.ToProblem();
    }

    /// <summary>Subscribes a webhook with the caller's member and clearance, for the API and the alerts page alike.</summary>
    public static async Task<Result<SubscriptionCreated>> ExecuteSubscribeAsync(string? url, EntenteDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        if (url is not { Length: > 0 and <= 2000 } || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return DomainError.Invalid("url", "The webhook is an absolute http or https URL.");
        }

        var scope = db.Caller.Scope;
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var subscription = new WebhookSubscription(uri.ToString(), secret, db.Caller.UserId, scope.Member, scope.Clearance, time.GetUtcNow().UtcDateTime, db.Caller.ActorName);
        db.WebhookSubscriptions.Add(subscription);
        await db.SaveChangesAsync(cancellationToken);
        return new SubscriptionCreated(subscription.Id, subscription.Url, subscription.Member, subscription.Clearance, secret);
    }

    public static async Task<Results<Ok<List<DeliveryView>>, ProblemHttpResult>> DeliveriesAsync(Guid id, EntenteDbContext db, CancellationToken cancellationToken)
    {
        var subscription = await db.WebhookSubscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (subscription is null || (!db.Caller.Scope.IsSystem && (db.Caller.UserId is null || subscription.OwnerId != db.Caller.UserId)))
        {
            return DomainError.NotFound("The subscription").ToProblem();
        }

        var deliveries = await db.WebhookDeliveries.AsNoTracking().Where(d => d.SubscriptionId == id).OrderBy(d => d.CreatedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(deliveries.Select(d => new DeliveryView(d.Id, d.AlertId, d.Status, d.Attempts, d.NextAttemptAt, d.LastAttemptAt,
            d.LastStatusCode, d.LastError)).ToList());
    }

    public static async Task<IResult> CapFeedAsync(HttpContext http, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(time);
        var alerts = await db.Alerts.AsNoTracking().OrderByDescending(a => a.RaisedAt).Take(200).ToListAsync(cancellationToken);
        var host = http.Request.Host.Host;
        XNamespace atom = AtomNamespace;
        var feed = new XElement(atom + "feed",
            new XElement(atom + "id", $"urn:entente:{host}:alerts"),
            new XElement(atom + "title", "Entente ceasefire alerts"),
            new XElement(atom + "updated", Stamp(alerts.Count > 0 ? alerts[0].RaisedAt : time.GetUtcNow().UtcDateTime)),
            new XElement(atom + "author", new XElement(atom + "name", "Entente")),
            alerts.Select(a => new XElement(atom + "entry",
                new XElement(atom + "id", $"urn:entente:alert:{a.Id}"),
                new XElement(atom + "title", a.Headline),
                new XElement(atom + "updated", Stamp(a.AcknowledgedAt ?? a.RaisedAt)),
                new XElement(atom + "content", new XAttribute("type", "application/cap+xml"), Cap(a, host, catalog.Current)))));
        var xml = new XDocument(new XDeclaration("1.0", "utf-8", null), feed).Declaration + "\n" + feed;
        return TypedResults.Text(xml, "application/atom+xml; charset=utf-8");
    }

    /// <summary>One alert as a CAP 1.2 <c>alert</c> element, its children in the order the CAP 1.2 schema requires.</summary>
    public static XElement Cap(Alert a, string host, PolicySnapshot policy)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(policy);
        XNamespace cap = CapNamespace;
        var isPublic = a.Label.Classification == ClassificationLevels.Public && a.Label.ReleasableTo.Length == 0 && a.Label.SharingGroupId is null;
        var marking = LabelView.From(a.Label, policy).Marking;
        var alert = new XElement(cap + "alert",
            new XElement(cap + "identifier", $"urn:entente:alert:{a.Id}"),
            new XElement(cap + "sender", $"alerts@{host}"),
            new XElement(cap + "sent", CapTime(a.RaisedAt)),
            new XElement(cap + "status", "Actual"),
            new XElement(cap + "msgType", a.Status == AlertStatus.Acknowledged ? "Update" : "Alert"),
            new XElement(cap + "source", a.RuleName),
            new XElement(cap + "scope", isPublic ? "Public" : "Restricted"));
        if (!isPublic)
        {
            alert.Add(new XElement(cap + "restriction", marking));
        }

        alert.Add(new XElement(cap + "note", marking));
        alert.Add(new XElement(cap + "info",
            new XElement(cap + "language", "en"),
            new XElement(cap + "category", "Security"),
            new XElement(cap + "event", a.Kind switch
            {
                AlertRuleKind.ViolationCount => "Ceasefire violations above threshold",
                AlertRuleKind.HeavyWeaponInWithdrawalZone => "Heavy weapon in withdrawal zone",
                AlertRuleKind.Spike => "Spike in observations",
            }),
            new XElement(cap + "urgency", "Immediate"),
            new XElement(cap + "severity", a.Kind == AlertRuleKind.HeavyWeaponInWithdrawalZone ? "Severe" : "Moderate"),
            new XElement(cap + "certainty", "Observed"),
            new XElement(cap + "onset", CapTime(a.WindowFrom)),
            new XElement(cap + "senderName", "Entente ceasefire monitoring"),
            new XElement(cap + "headline", a.Headline),
            new XElement(cap + "description", a.Description),
            new XElement(cap + "area",
                new XElement(cap + "areaDesc", a.Area ?? "Agreement area"),
                new XElement(cap + "circle", string.Create(CultureInfo.InvariantCulture, $"{a.Latitude:0.#####},{a.Longitude:0.#####} 1")))));
        return alert;
    }

    public static AlertView View(Alert a, PolicySnapshot policy)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new AlertView(a.Id, a.RuleId, a.RuleName, a.Kind, a.Headline, a.Description, a.WindowFrom, a.WindowTo, a.Count, a.Latitude, a.Longitude,
            a.Area, a.RaisedAt, a.Status, a.AcknowledgedAt, a.AcknowledgedBy, a.Version, LabelView.From(a.Label, policy));
    }

    internal static AlertRuleView View(AlertRule r, PolicySnapshot policy) => new(r.Id, r.Name, r.Kind, r.Region, r.AreaGeoJson is not null,
        r.WindowMinutes, r.Threshold, r.SpikeFactor, r.Enabled, r.Version, LabelView.From(r.Label, policy));

    private static string Stamp(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>CAP dateTime: no fractional seconds, an explicit offset (CAP forbids "Z").</summary>
    private static string CapTime(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);
}
