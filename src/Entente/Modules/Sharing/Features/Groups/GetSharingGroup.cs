using System.Security.Claims;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Entente.Modules.Sharing.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Sharing.Features.Groups;

/// <summary><c>GET /sharing-groups/{id}</c>: one group as the caller may see it; 404 for a group its member is not in.</summary>
public static class GetSharingGroup
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/sharing-groups/{id:guid}", HandleAsync)
            .RequireAuthorization()
            .WithName("GetSharingGroup")
            .WithSummary("Get a sharing group")
            .WithDescription(ListSharingGroups.Description + " A group your member is not in answers 404, as one that does not exist.")
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<SharingGroupView>, ProblemHttpResult>> HandleAsync(
        Guid id, ClaimsPrincipal user, EntenteDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var found = await SharingGroupAccess.FindAsync(db, user, id, track: false, cancellationToken);
        return found is null
            ? SharingErrors.GroupNotFound.ToProblem()
            : TypedResults.Ok(SharingGroupAccess.View(found, db.Caller.Member, SharingGroupAccess.IsAdministrator(user)));
    }
}
