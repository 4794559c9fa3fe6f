using Entente.Infrastructure.Security;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Registry.Features;
using Entente.Modules.Summits.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Summits.Features.Actions;

/// <summary>A new action item.</summary>
public sealed record CreateActionItemRequest
{
    [Required]
    [StringLength(ActionItem.MaxTitleLength)]
    public string Title { get; init; } = "";

    [StringLength(ActionItem.MaxDescriptionLength)]
    public string? Description { get; init; }

    /// <summary>What the action follows from; <c>other</c> without an id when it follows from nothing recorded.</summary>
    public ActionOriginInput? Origin { get; init; }

    [Required]
    public ActionOwnerInput? Owner { get; init; }

    /// <summary>The day by which the action is due, in the owner's terms; today or later.</summary>
    [Required]
    public DateOnly? DueOn { get; init; }

    [Required]
    public LabelInput? Label { get; init; }
}

/// <summary><c>POST /actions</c>: records an action item that a member owes.</summary>
public static class CreateActionItem
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/actions", HandleAsync)
            .RequireAuthorization()
            .Idempotent()
            .WithName("CreateActionItem")
            .WithSummary("Record an action item")
            .WithDescription("An action a member owes, usually following from a decision or a meeting: owner (a member, optionally a person), due date and label. The Secretariat records for any member, a delegate for its own.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<Created<ActionItemDetail>, ProblemHttpResult>> HandleAsync(
        CreateActionItemRequest request, ClaimsPrincipal user, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var result = await ExecuteAsync(request, user, db, catalog, time, cancellationToken);
        if (!result.IsSuccess)
        {
            return result.Error!.ToProblem();
        }

        var item = result.Value!;
        return TypedResults.Created($"/api/v1/actions/{item.Id}", ActionViews.Detail(item, catalog.Current, time.Today()));
    }

    public static async Task<Result<ActionItem>> ExecuteAsync(
        CreateActionItemRequest request, ClaimsPrincipal user, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(db);
        if (request.Owner is null)
        {
            return DomainError.Invalid("owner.member", "Give the member that owes the action.");
        }

        var owner = await ActionAccess.ResolveOwnerAsync(db, request.Owner.Member, request.Owner.UserId, cancellationToken);
        if (!owner.IsSuccess)
        {
            return owner.Error!;
        }

        if (!MemberAccess.MayActFor(user, db.Caller, owner.Value!))
        {
            return ActionAccess.NotYourMember;
        }

        if (request.DueOn is not { } dueOn)
        {
            return DomainError.Invalid("dueOn", "Give the day by which the action is due.");
        }

        if (request.Label is null)
        {
            return DomainError.Invalid("label", "Give the action item's label.");
        }

        var label = await LabelRules.ResolveAsync(request.Label, db.Caller, catalog, db, cancellationToken: cancellationToken);
        if (!label.IsSuccess)
        {
            return label.Error!;
        }

        var origin = request.Origin ?? new ActionOriginInput { Kind = ActionOriginKind.Other };
        var created = ActionItem.Create(request.Title, request.Description, origin.Kind ?? ActionOriginKind.Other, origin.Id, origin.Title,
            owner.Value!, request.Owner.UserId, request.Owner.Name, dueOn, label.Value!, ActionAccess.ActorOf(db.Caller), time.UtcNow(), time.Today());
        if (!created.IsSuccess)
        {
            return created.Error!;
        }

        db.ActionItems.Add(created.Value!);
        var saved = await ActionAccess.SaveAsync(db, created.Value!, cancellationToken);
        return saved.IsSuccess ? created.Value! : saved.Error!;
    }
}
