using Entente.Infrastructure.Security;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Registry.Features;
using Entente.Modules.Summits.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Summits.Features.Actions;

/// <summary>What an action is, who carries it for its member and when it is due. The owner member does not change: a new member owes a new action.</summary>
public sealed record UpdateActionItemRequest
{
    [Required]
    [StringLength(ActionItem.MaxTitleLength)]
    public string Title { get; init; } = "";

    [StringLength(ActionItem.MaxDescriptionLength)]
    public string? Description { get; init; }

    public Guid? OwnerUserId { get; init; }

    [StringLength(ActionItem.MaxOwnerNameLength)]
    public string? OwnerName { get; init; }

    [Required]
    public DateOnly? DueOn { get; init; }

    /// <summary>The new label; the current one when absent.</summary>
    public LabelInput? Label { get; init; }

    /// <summary>The version the change was made against; when stale, 409.</summary>
    [Required]
    public int? ExpectedVersion { get; init; }
}

/// <summary><c>PUT /actions/{id}</c>: changes an open action item.</summary>
public static class UpdateActionItem
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPut("/actions/{id:guid}", HandleAsync)
            .RequireAuthorization()
            .WithName("UpdateActionItem")
            .WithSummary("Change an action item")
            .WithDescription("Title, description, the person who carries it, due date and label of an open or in-progress action item, against the version read.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    public static async Task<Results<Ok<ActionItemDetail>, ProblemHttpResult>> HandleAsync(
        Guid id, UpdateActionItemRequest request, ClaimsPrincipal user, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var result = await ExecuteAsync(id, request, user, db, catalog, time, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(ActionViews.Detail(result.Value!, catalog.Current, time.Today())) : result.Error!.ToProblem();
    }

    public static async Task<Result<ActionItem>> ExecuteAsync(
        Guid id, UpdateActionItemRequest request, ClaimsPrincipal user, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time,
        CancellationToken cancellationToken)
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

        if (request.DueOn is not { } dueOn)
        {
            return DomainError.Invalid("dueOn", "Give the day by which the action is due.");
        }

        var owner = await ActionAccess.ResolveOwnerAsync(db, item.OwnerMember, request.OwnerUserId, cancellationToken);
        if (!owner.IsSuccess)
        {
            return owner.Error!;
        }

        var label = item.Label;
        if (request.Label is not null)
        {
            var resolved = await LabelRules.ResolveAsync(request.Label, db.Caller, catalog, db, item.Label, cancellationToken: cancellationToken);
            if (!resolved.IsSuccess)
            {
                return resolved.Error!;
            }

            label = resolved.Value!;
        }

        var updated = item.Update(request.Title, request.Description, request.OwnerUserId, request.OwnerName, dueOn, label, time.UtcNow(), time.Today());
        if (!updated.IsSuccess)
        {
            db.ChangeTracker.Clear();
            return updated.Error!;
        }

        var saved = await ActionAccess.SaveAsync(db, item, cancellationToken);
        return saved.IsSuccess ? item : saved.Error!;
    }
}
