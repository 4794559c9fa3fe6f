using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;

namespace Entente.Modules.Monitoring.Domain;

/// <summary>What an alert rule watches.</summary>
public enum AlertRuleKind
{
    /// <summary>More than <see cref="AlertRule.Threshold"/> violations in the rule's area within its window.</summary>
    ViolationCount,

    /// <summary>A heavy weapon (<see cref="Vocabulary.IsHeavy"/>) reported inside a withdrawal zone that forbids it.</summary>
    HeavyWeaponInWithdrawalZone,

    /// <summary>
    /// More observations in the rule's area within its window than <see cref="AlertRule.SpikeFactor"/> times the average
    /// of the same window over the trailing seven days (and at least <see cref="AlertRule.Threshold"/>).
    /// </summary>
    Spike,
}

public enum AlertStatus
{
    Open,
    Acknowledged,
}

/// <summary>
/// An alert rule, as data. Its area is a GeoJSON polygon, an oblast name (see <see cref="OblastLocator"/>), or
/// neither (the whole agreement area). The rule's label restricts who sees the rule; the alerts it raises carry the
/// join of that label and the labels of the observations that made them fire.
/// </summary>
public sealed class AlertRule : ILabelled
{
    public const int MaxNameLength = 200;
    public const int MaxAreaLength = 200_000;

    private AlertRule()
    {
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    public AlertRuleKind Kind { get; private set; }

    /// <summary>An oblast's name (as in the oblast reference data), when the area is a region.</summary>
    public string? Region { get; private set; }

    /// <summary>A GeoJSON Polygon or MultiPolygon, when the area is drawn.</summary>
    public string? AreaGeoJson { get; private set; }

    /// <summary>Length of the sliding window, in minutes.</summary>
    public int WindowMinutes { get; private set; }

    /// <summary>Count above which a <see cref="AlertRuleKind.ViolationCount"/> rule fires; the minimum count for a spike.</summary>
    public int Threshold { get; private set; }

    /// <summary>Multiple of the trailing average that a spike must exceed.</summary>
    public double SpikeFactor { get; private set; }

    public bool Enabled { get; private set; }

    public Label Label { get; private set; } = Label.Public;

    public DateTime CreatedAt { get; private set; }

    public string CreatedBy { get; private set; } = "";

    public int Version { get; private set; }

    public TimeSpan Window => TimeSpan.FromMinutes(WindowMinutes);

    public static Result<AlertRule> Create(string name, AlertRuleKind kind, string? region, string? areaGeoJson, int windowMinutes, int threshold,
        double spikeFactor, Label label, DateTime now, string by)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (Validate(name, kind, region, areaGeoJson, windowMinutes, threshold, spikeFactor) is { } error)
        {
            return error;
        }

        return new AlertRule
        {
            Id = Guid.CreateVersion7(),
            Name = name.Trim(),
            Kind = kind,
            Region = string.IsNullOrWhiteSpace(region) ? null : region.Trim(),
            AreaGeoJson = areaGeoJson,
            WindowMinutes = windowMinutes,
            Threshold = threshold,
            SpikeFactor = spikeFactor,
            Enabled = true,
            Label = label,
            CreatedAt = now,
            CreatedBy = by,
        };
    }

    /// <summary>
    /// Replaces what the rule watches, under the same rules as <see cref="Create"/>; on an error nothing changes. The
    /// alerts the rule raised before keep the name and label they were raised with.
    /// </summary>
    public Result Edit(string name, AlertRuleKind kind, string? region, string? areaGeoJson, int windowMinutes, int threshold, double spikeFactor,
        Label label)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (Validate(name, kind, region, areaGeoJson, windowMinutes, threshold, spikeFactor) is { } error)
        {
            return error;
        }

        Name = name.Trim();
        Kind = kind;
        Region = string.IsNullOrWhiteSpace(region) ? null : region.Trim();
        AreaGeoJson = areaGeoJson;
        WindowMinutes = windowMinutes;
        Threshold = threshold;
        SpikeFactor = spikeFactor;
        Label = label;
        Version++;
        return Result.Success;
    }

    private static DomainError? Validate(string name, AlertRuleKind kind, string? region, string? areaGeoJson, int windowMinutes, int threshold,
        double spikeFactor)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength)
        {
            return DomainError.Invalid("name", $"Name the rule in 1 to {MaxNameLength} characters.");
        }

        if (!Enum.IsDefined(kind))
        {
            return DomainError.Invalid("kind", "The kind is violationCount, heavyWeaponInWithdrawalZone or spike.");
        }

        if (windowMinutes is < 1 or > 7 * 24 * 60)
        {
            return DomainError.Invalid("windowMinutes", "The window is between 1 minute and 7 days.");
        }

        if (threshold < 0)
        {
            return DomainError.Invalid("threshold", "The threshold cannot be negative.");
        }

        if (kind == AlertRuleKind.Spike && !(spikeFactor > 1))
        {
            return DomainError.Invalid("spikeFactor", "A spike is more than the trailing average: use a factor above 1.");
        }

        if (region is not null && areaGeoJson is not null)
        {
            return DomainError.Invalid("region", "Give a region or an area, not both.");
        }

        return null;
    }

    public void SetEnabled(bool enabled)
    {
        Enabled = enabled;
        Version++;
    }
}

/// <summary>
/// A raised alert. <see cref="DedupeKey"/> is unique: evaluating the same rule over the same burst again (after the
/// next batch, on another instance) finds the alert already raised and raises nothing.
/// </summary>
public sealed class Alert : ILabelled
{
    public const int MaxTextLength = 2000;

    private Alert()
    {
    }

    public Alert(AlertRule rule, string dedupeKey, DateTime windowFrom, DateTime windowTo, int count, string headline, string description,
        double latitude, double longitude, string? area, Label label, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(rule);
        Id = Guid.CreateVersion7();
        RuleId = rule.Id;
        RuleName = rule.Name;
        Kind = rule.Kind;
        DedupeKey = dedupeKey;
        WindowFrom = windowFrom;
        WindowTo = windowTo;
        Count = count;
        Headline = Clip(headline);
        Description = Clip(description);
        Latitude = latitude;
        Longitude = longitude;
        Area = area;
        Label = label;
        RaisedAt = now;
        Status = AlertStatus.Open;
    }

    public Guid Id { get; private set; }

    public Guid RuleId { get; private set; }

    public string RuleName { get; private set; } = "";

    public AlertRuleKind Kind { get; private set; }

    public string DedupeKey { get; private set; } = "";

    /// <summary>UTC; the span of observation times that made the rule fire.</summary>
    public DateTime WindowFrom { get; private set; }

    public DateTime WindowTo { get; private set; }

    public int Count { get; private set; }

    public string Headline { get; private set; } = "";

    public string Description { get; private set; } = "";

    /// <summary>Centre of the contributing observations.</summary>
    public double Latitude { get; private set; }

    public double Longitude { get; private set; }

    /// <summary>The rule's region or zone names, for people.</summary>
    public string? Area { get; private set; }

    /// <summary>The join of the rule's label and every contributing observation's label.</summary>
    public Label Label { get; private set; } = Label.Public;

    public DateTime RaisedAt { get; private set; }

    public AlertStatus Status { get; private set; }

    public DateTime? AcknowledgedAt { get; private set; }

    public string? AcknowledgedBy { get; private set; }

    public int Version { get; private set; }

    public Result Acknowledge(string by, DateTime now)
    {
        if (Status == AlertStatus.Acknowledged)
        {
            return new DomainError("monitoring.alert-acknowledged", $"The alert was acknowledged by {AcknowledgedBy}.", ErrorKind.Conflict);
        }

        Status = AlertStatus.Acknowledged;
        AcknowledgedAt = now;
        AcknowledgedBy = by;
        Version++;
        return Result.Success;
    }

    private static string Clip(string s) => s.Length > MaxTextLength ? s[..MaxTextLength] : s;
}

/// <summary>
/// A webhook subscriber, on behalf of the user who subscribed (<see cref="OwnerId"/>). It receives only the alerts
/// that its owner could read at the time of delivery under the label rules (<see cref="AccessScope.CanRead"/>):
/// classification within the owner's clearance and never above the <see cref="Clearance"/> it was created with,
/// the owner's <see cref="Member"/> in REL TO or the originator, and that member in the alert's sharing group.
/// Signed with HMAC-SHA256 under <see cref="Secret"/>.
/// </summary>
/// <remarks>The secret is kept as given: the platform must compute the signature, so it cannot keep a hash.</remarks>
public sealed class WebhookSubscription
{
    private WebhookSubscription()
    {
    }

    public WebhookSubscription(string url, string secret, Guid? ownerId, string? member, int clearance, DateTime now, string by)
    {
        Id = Guid.CreateVersion7();
        Url = url;
        Secret = secret;
        OwnerId = ownerId;
        Member = member;
        Clearance = clearance;
        CreatedAt = now;
        CreatedBy = by;
        Active = true;
    }

    public Guid Id { get; private set; }

    public string Url { get; private set; } = "";

    public string Secret { get; private set; } = "";

    /// <summary>The user it delivers for; null only when the platform itself subscribed.</summary>
    public Guid? OwnerId { get; private set; }

    /// <summary>The owner's member when subscribing; the subscription stops if the owner comes to act for another.</summary>
    public string? Member { get; private set; }

    /// <summary>The owner's clearance when subscribing: the most the subscription ever receives.</summary>
    public int Clearance { get; private set; }

    public bool Active { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public string CreatedBy { get; private set; } = "";

    /// <summary>
    /// What the subscription may receive now, given the current scopes of active users (<see cref="UserScopes"/>):
    /// its owner's, capped at <see cref="Clearance"/>; null (nothing) when the owner is disabled or removed or acts
    /// for another member than when subscribing. Without an owner, the member and clearance recorded, outside every
    /// sharing group.
    /// </summary>
    public AccessScope? ScopeAmong(IReadOnlyDictionary<Guid, AccessScope> owners)
    {
        ArgumentNullException.ThrowIfNull(owners);
        if (OwnerId is not { } owner)
        {
            return AccessScope.ForUser(Clearance, Member, []);
        }

        if (!owners.TryGetValue(owner, out var scope) || !string.Equals(scope.Member, Member, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return AccessScope.ForUser(Math.Min(scope.Clearance, Clearance), scope.Member, scope.SharingGroups);
    }

    /// <summary>Whether the subscription is active and may receive an alert with <paramref name="label"/>.</summary>
    public bool MayReceive(Label label, IReadOnlyDictionary<Guid, AccessScope> owners) =>
        Active && ScopeAmong(owners)?.CanRead(label) == true;

    public void Deactivate() => Active = false;
}

public enum DeliveryStatus
{
    Pending,
    Delivered,
    Failed,
}

/// <summary>One alert to one subscriber: the delivery log, with each attempt's outcome and the next attempt's time.</summary>
public sealed class WebhookDelivery
{
    private WebhookDelivery()
    {
    }

    public WebhookDelivery(Guid subscriptionId, Guid alertId, DateTime now)
    {
        Id = Guid.CreateVersion7();
        SubscriptionId = subscriptionId;
        AlertId = alertId;
        Status = DeliveryStatus.Pending;
        NextAttemptAt = now;
        CreatedAt = now;
    }

    public Guid Id { get; private set; }

    public Guid SubscriptionId { get; private set; }

    public Guid AlertId { get; private set; }

    public DeliveryStatus Status { get; private set; }

    public int Attempts { get; private set; }

    public DateTime NextAttemptAt { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime? LastAttemptAt { get; private set; }

    public int? LastStatusCode { get; private set; }

    public string? LastError { get; private set; }

    public void Succeeded(int statusCode, DateTime now)
    {
        Attempts++;
        LastAttemptAt = now;
        LastStatusCode = statusCode;
        LastError = null;
        Status = DeliveryStatus.Delivered;
    }

    /// <summary>Records a failed attempt; retries after <paramref name="baseDelay"/> doubled per attempt, up to <paramref name="maxAttempts"/>.</summary>
    public void Failed(int? statusCode, string error, DateTime now, TimeSpan baseDelay, int maxAttempts)
    {
        Attempts++;
        LastAttemptAt = now;
        LastStatusCode = statusCode;
        LastError = error.Length > 500 ? error[..500] : error;
        if (Attempts >= maxAttempts)
        {
            Status = DeliveryStatus.Failed;
            return;
        }

        NextAttemptAt = now + (baseDelay * Math.Pow(2, Attempts - 1));
    }
}
