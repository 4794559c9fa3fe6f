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

/// <summary>A progress note.</summary>
public sealed record AddActionNoteRequest
{
    [Required]
    [StringLength(ActionNote.MaxTextLength)]
    public string Text { get; init; } = "";
}

/// <summary><c>POST /actions/{id}/notes</c>: the owner member's delegates, or the Secretariat, note progress.</summary>
public static class AddActionNote
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/actions/{id:guid}/notes", HandleAsync)
            .RequireAuthorization()
            .Idempotent()
            .WithName("AddActionNote")
            .WithSummary("Add a progress note to an action item")
            .WithDescription("Notes are kept as written, with who and when. Only the owner member's delegates and the Secretariat add them.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Created<ActionItemDetail>, ProblemHttpResult>> HandleAsync(
        Guid id, AddActionNoteRequest request, ClaimsPrincipal user, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var result = await ExecuteAsync(id, request, user, db, time, cancellationToken);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/actions/{id}", ActionViews.Detail(result.Value!, catalog.Current, time.Today()))
            : result.Error!.ToProblem();
    }

    public static async Task<Result<ActionItem>> ExecuteAsync(
        Guid id, AddActionNoteRequest request, ClaimsPrincipal user, EntenteDbContext db, TimeProvider time, CancellationToken cancellationToken)
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

        var added = item.AddNote(request.Text, ActionAccess.ActorOf(db.Caller), time.UtcNow());
        if (!added.IsSuccess)
        {
            db.ChangeTracker.Clear();
            return added.Error!;
        }

        var saved = await ActionAccess.SaveAsync(db, item, cancellationToken);
        return saved.IsSuccess ? item : saved.Error!;
    }
}
