using Entente.Infrastructure.Security;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Problems;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Registry.Features;
using Entente.Modules.Summits.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Summits.Features.Actions;

/// <summary>A step in an action item's life: in progress, done, cancelled (with a reason), or back to open.</summary>
public sealed record ChangeActionStatusRequest
{
    [Required]
    public ActionStatus? Status { get; init; }

    /// <summary>Why; required for a cancellation.</summary>
    [StringLength(ActionStatusChange.MaxReasonLength)]
    public string? Reason { get; init; }

    /// <summary>The version the change was made against; when given and stale, 409.</summary>
    public int? ExpectedVersion { get; init; }
}

/// <summary><c>POST /actions/{id}/status</c>: moves an action item on; done and cancelled are final.</summary>
public static class ChangeActionStatus
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/actions/{id:guid}/status", HandleAsync)
            .RequireAuthorization()
            .Idempotent()
            .WithName("ChangeActionStatus")
            .WithSummary("Change an action item's status")
            .WithDescription("Open, in progress, done or cancelled (with a reason); who, when and why are kept. A done or cancelled item cannot change again.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<Ok<ActionItemDetail>, ProblemHttpResult>> HandleAsync(
        Guid id, ChangeActionStatusRequest request, ClaimsPrincipal user, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var result = await ExecuteAsync(id, request, user, db, time, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(ActionViews.Detail(result.Value!, catalog.Current, time.Today())) : result.Error!.ToProblem();
    }

    public static async Task<Result<ActionItem>> ExecuteAsync(
        Guid id, ChangeActionStatusRequest request, ClaimsPrincipal user, EntenteDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(db);
        var item = await ActionAccess.FindAsync(db, id, track: true, cancellationToken);
        if (item is null)
        {
            return ActionAccess.ActionNotFound;
        }

        if (!MemberAccess.MayActFor(user, db.Caller, item.OwnerMember))
        {
            return ActionAccess.NotYourMember;
        }

        if (request.ExpectedVersion is { } expected && expected != item.Version)
        {
            return ActionAccess.VersionConflict(item.Version);
        }

        if (request.Status is not { } status)
        {
            return DomainError.Invalid("status", "Give the new status: open, inProgress, done or cancelled.");
        }

        var changed = item.ChangeStatus(status, request.Reason, ActionAccess.ActorOf(db.Caller), time.UtcNow());
        if (!changed.IsSuccess)
        {
            db.ChangeTracker.Clear();
            return changed.Error!;
        }

        var saved = await ActionAccess.SaveAsync(db, item, cancellationToken);
        return saved.IsSuccess ? item : saved.Error!;
    }
}
