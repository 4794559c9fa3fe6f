using System.Security.Claims;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Sharing.Features.Groups;

/// <summary><c>DELETE /sharing-groups/{id}/members/{code}</c>: the owner removes a member, or a member leaves.</summary>
public static class RemoveSharingGroupMember
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapDelete("/sharing-groups/{id:guid}/members/{code}", HandleAsync)
            .RequireAuthorization()
            .WithName("RemoveSharingGroupMember")
            .WithSummary("Remove a member from a sharing group, or leave it")
            .WithDescription("The owner removes any other member; a member may remove itself (leave); the owner leaves only after handing ownership on. From its next request the removed member no longer reads records labelled with the group.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        Guid id, string code, ClaimsPrincipal user, EntenteDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var found = await SharingGroupAccess.ForChangeAsync(db, user, id, "remove-member", cancellationToken);
        if (found.Error is not null)
        {
            return found.Error.ToProblem();
        }

        var (sharingGroup, actor) = found.Value;
        var removed = sharingGroup.RemoveMember(actor, code);
        if (removed.Error is not null)
        {
            return removed.Error.Kind == ErrorKind.Forbidden
                ? (await SharingAudit.RefusedAsync(db, SharingGroupAccess.EntityType, id, removed.Error, "remove-member", null, cancellationToken)).ToProblem()
                : removed.Error.ToProblem();
        }

        db.SharingGroupMembers.Remove(removed.Value!);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
