using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Entente.Infrastructure.Security;
using Entente.Modules.Identity.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Identity.Features;

/// <summary>A token to issue for the caller.</summary>
/// <param name="Name">What the token is for, such as <c>sensor feed north</c>.</param>
/// <param name="LifetimeDays">Days until it expires, 1 to 366.</param>
public sealed record IssueTokenRequest(
    [property: Required(ErrorMessage = "Give the token a name."), StringLength(100, ErrorMessage = "The name may have at most 100 characters.")] string Name,
    [property: Range(1, 366, ErrorMessage = "A token lives from 1 to 366 days.")] int LifetimeDays = ApiTokens.DefaultLifetimeDays);

/// <summary>The issued token and its text, <c>ent_…</c>: shown here once, stored nowhere in clear.</summary>
public sealed record IssuedTokenResponse(ApiTokenResponse Token, string Text);

/// <summary>
/// <c>POST /api/v1/me/tokens</c>: issue an API token acting as the caller. Only a signed-in browser session that met
/// the account requirements may issue one (<see cref="TokenIssuance"/>); an API token may not.
/// </summary>
public static class IssueMyToken
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder me) =>
        me.MapPost("/tokens", HandleAsync)
            .WithName("IssueMyToken")
            .WithSummary("Issue an API token for myself")
            .WithDescription(
                "The token acts as you, with your roles, member and clearance, until it expires or is revoked. Its text is " +
                "returned once; send it as `Authorization: Bearer <text>`. At most 25 active tokens per user (422). Only a signed-in " +
                "session may issue tokens, after any required password change and two-factor sign-in: an API token is refused (403).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<Created<IssuedTokenResponse>, ProblemHttpResult>> HandleAsync(
        IssueTokenRequest request, ClaimsPrincipal principal, Caller caller, EntenteDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await TokenIssuance.RefusalAsync(principal, db, cancellationToken) is { } refusal)
        {
            return refusal.ToProblem();
        }

        var userId = caller.UserId!.Value;
        var issued = await ApiTokens.IssueForDaysAsync(db, userId, request.Name, request.LifetimeDays, time, cancellationToken);
        if (!issued.IsSuccess)
        {
            return issued.Error!.ToProblem();
        }

        var token = issued.Value.Token;
        var summary = ApiTokens.ToSummary(token, caller.ActorName, time.GetUtcNow().UtcDateTime);
        return TypedResults.Created($"/api/v1/me/tokens/{token.Id:D}", new IssuedTokenResponse(ApiTokenResponse.From(summary), issued.Value.Text));
    }
}
