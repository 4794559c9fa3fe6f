using Entente.Infrastructure.Data;
using Entente.Modules.Monitoring.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Monitoring.Features;

/// <summary>A webhook subscription as its owner sees it: never its secret, which was shown once on creation.</summary>
public sealed record SubscriptionView(Guid Id, string Url, string? Member, int Clearance, bool Active, DateTime CreatedAt, string CreatedBy,
    int Pending, int Delivered, int Failed);

/// <summary><c>GET /alerts/subscriptions</c>: the webhook subscriptions the caller manages.</summary>
public static class ListAlertSubscriptions
{
    public const int MaxShown = 200;

    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("/alerts/subscriptions", HandleAsync).RequireAuthorization(MonitoringModule.ManageAlerts)
            .WithName("ListAlertSubscriptions").WithSummary("List your webhook subscriptions")
            .WithDescription("The webhook subscriptions you created, oldest first, with their delivery counts. Others' subscriptions are not listed: each acts with its creator's member and clearance.");

    public static async Task<Ok<List<SubscriptionView>>> HandleAsync(EntenteDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await QueryAsync(db, cancellationToken));

    /// <summary>
    /// The subscriptions <paramref name="db"/>'s caller may manage: the ones it created (the platform itself manages all).
    /// A subscription receives what its creator's member and clearance may read, so it is its creator's alone.
    /// </summary>
    public static IQueryable<WebhookSubscription> Manageable(EntenteDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var caller = db.Caller;
        if (caller.Scope.IsSystem)
        {
            return db.WebhookSubscriptions;
        }

        var owner = caller.UserId;
        return owner is null ? db.WebhookSubscriptions.Where(s => false) : db.WebhookSubscriptions.Where(s => s.OwnerId == owner);
    }

    public static async Task<List<SubscriptionView>> QueryAsync(EntenteDbContext db, CancellationToken cancellationToken)
    {
        var subscriptions = await Manageable(db).AsNoTracking().OrderBy(s => s.CreatedAt).ThenBy(s => s.Id).Take(MaxShown).ToListAsync(cancellationToken);
        var ids = subscriptions.Select(s => s.Id).ToList();
        var counts = await db.WebhookDeliveries.AsNoTracking().Where(d => ids.Contains(d.SubscriptionId))
            .GroupBy(d => new { d.SubscriptionId, d.Status }).Select(g => new { g.Key.SubscriptionId, g.Key.Status, Count = g.Count() })
            .ToListAsync(cancellationToken);
        int Count(Guid id, DeliveryStatus status) => counts.Where(c => c.SubscriptionId == id && c.Status == status).Sum(c => c.Count);
        return [.. subscriptions.Select(s => new SubscriptionView(s.Id, s.Url, s.Member, s.Clearance, s.Active, s.CreatedAt, s.CreatedBy,
            Count(s.Id, DeliveryStatus.Pending), Count(s.Id, DeliveryStatus.Delivered), Count(s.Id, DeliveryStatus.Failed)))];
    }
}
