using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Sharing.Features.Groups;

public sealed record TransferSharingGroupRequest
{
    /// <summary>A member of the group that becomes its owner.</summary>
    [Required]
    [StringLength(8)]
    public string MemberCode { get; init; } = "";
}

/// <summary><c>POST /sharing-groups/{id}/transfer</c>: the owner hands the group to another of its members.</summary>
public static class TransferSharingGroup
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/sharing-groups/{id:guid}/transfer", HandleAsync)
            .RequireAuthorization()
            .WithName("TransferSharingGroup")
            .WithSummary("Hand a sharing group to another member")
            .WithDescription("The owner only; the new owner must already be a member. The former owner stays a member that may extend the group (and may then leave it).")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<Ok<SharingGroupView>, ProblemHttpResult>> HandleAsync(
        Guid id, TransferSharingGroupRequest request, ClaimsPrincipal user, EntenteDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(db);
        var found = await SharingGroupAccess.ForChangeAsync(db, user, id, "transfer", cancellationToken);
        if (found.Error is not null)
        {
            return found.Error.ToProblem();
        }

        var (sharingGroup, actor) = found.Value;
        var transferred = sharingGroup.TransferOwnership(actor, request.MemberCode);
        if (transferred.Error is not null)
        {
            return transferred.Error.Kind == ErrorKind.Forbidden
                ? (await SharingAudit.RefusedAsync(db, SharingGroupAccess.EntityType, id, transferred.Error, "transfer", null, cancellationToken)).ToProblem()
                : transferred.Error.ToProblem();
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(SharingGroupAccess.View(sharingGroup, actor, SharingGroupAccess.IsAdministrator(user)));
    }
}
