using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Entente.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Identity.Features;

/// <summary><c>DELETE /api/v1/me/tokens/{id}</c>: revoke one of the caller's own tokens.</summary>
public static class RevokeMyToken
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder me) =>
        me.MapDelete("/tokens/{id:guid}", HandleAsync)
            .WithName("RevokeMyToken")
            .WithSummary("Revoke one of my API tokens")
            .WithDescription("The token is refused from now on. Another user's token answers 404; an already revoked one 409.")
            .ProducesProblem(StatusCodes.Status409Conflict);

    public static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        Guid id, Caller caller, EntenteDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var result = await ApiTokens.RevokeAsync(db, id, caller.UserId!.Value, caller.ActorName, time, cancellationToken);
        return result.IsSuccess ? TypedResults.NoContent() : result.Error!.ToProblem();
    }
}
