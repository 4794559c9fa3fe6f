using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Monitoring.Features;

/// <summary><c>DELETE /alerts/subscriptions/{id}</c>: removes one of the caller's webhook subscriptions with its delivery log.</summary>
public static class DeleteAlertSubscription
{
    public static DomainError NotFound { get; } = DomainError.NotFound("The subscription");

    public static void Map(IEndpointRouteBuilder group) =>
        group.MapDelete("/alerts/subscriptions/{id:guid}", HandleAsync).RequireAuthorization(MonitoringModule.ManageAlerts)
            .WithName("DeleteAlertSubscription").WithSummary("Delete a webhook subscription")
            .WithDescription("Stops deliveries to the webhook at once and forgets its secret and delivery log. Only your own subscriptions; any other id is a 404.")
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(Guid id, EntenteDbContext db, CancellationToken cancellationToken)
    {
        var result = await ExecuteAsync(id, db, cancellationToken);
        return result.IsSuccess ? TypedResults.NoContent() : result.Error!.ToProblem();
    }

    /// <summary>
    /// Removes the subscription and its deliveries in one save, so the dispatcher never meets a delivery without its
    /// subscription; the removal is audited with the subscription's URL and owner (its secret is redacted).
    /// </summary>
    public static async Task<Result> ExecuteAsync(Guid id, EntenteDbContext db, CancellationToken cancellationToken)
    {
        var subscription = await ListAlertSubscriptions.Manageable(db).FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (subscription is null)
        {
            return NotFound;
        }

        var deliveries = await db.WebhookDeliveries.Where(d => d.SubscriptionId == id).ToListAsync(cancellationToken);
        db.WebhookDeliveries.RemoveRange(deliveries);
        db.WebhookSubscriptions.Remove(subscription);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Success;
    }
}
