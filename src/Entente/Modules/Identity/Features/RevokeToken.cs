using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Entente.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Identity.Features;

/// <summary><c>DELETE /api/v1/tokens/{id}</c>: an administrator revokes any user's token.</summary>
public static class RevokeToken
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder tokens) =>
        tokens.MapDelete("/{id:guid}", HandleAsync)
            .WithName("RevokeToken")
            .WithSummary("Revoke any API token")
            .WithDescription("The token is refused from now on. Already revoked: 409.")
            .ProducesProblem(StatusCodes.Status409Conflict);

    public static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        Guid id, EntenteDbContext db, Caller caller, TimeProvider time, CancellationToken cancellationToken)
    {
        var result = await ApiTokens.RevokeAsync(db, id, ownerId: null, caller.ActorName, time, cancellationToken);
        return result.IsSuccess ? TypedResults.NoContent() : result.Error!.ToProblem();
    }
}
