using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Problems;
using Entente.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Identity.Features;

/// <summary><c>GET /api/v1/me/tokens</c>: the caller's own API tokens.</summary>
public static class ListMyTokens
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder me) =>
        me.MapGet("/tokens", HandleAsync)
            .WithName("ListMyTokens")
            .WithSummary("List my API tokens")
            .WithDescription("Your tokens, newest first, with their state, expiry and last use. Secrets are never shown again.")
            .ProducesValidationProblem();

    public static async Task<Results<Ok<Paged<ApiTokenResponse>>, ProblemHttpResult>> HandleAsync(
        [AsParameters] PageRequest page, string? state, Caller caller, EntenteDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!new ListTokensQuery { State = state }.TryGetState(out var parsed, out var errors))
        {
            return ProblemResults.Validation(errors);
        }

        var result = await ApiTokens.QueryAsync(db, new ApiTokenFilter(caller.UserId!.Value, parsed), page, time, cancellationToken);
        return TypedResults.Ok(ApiTokenResponse.From(result));
    }
}
