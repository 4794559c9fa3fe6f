using Entente.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Identity.Features;

/// <summary><c>POST /api/v1/users/{id}/reset-two-factor</c>: forget a lost authenticator.</summary>
public static class ResetTwoFactor
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder users) =>
        users.MapPost("/{id:guid}/reset-two-factor", HandleAsync)
            .WithName("ResetTwoFactor")
            .WithSummary("Reset a user's two-factor authentication")
            .WithDescription(
                "Removes the authenticator key and the recovery codes, ends the user's sessions and revokes the user's API tokens. Administrators and " +
                "Secretariat staff must enrol a new authenticator at their next sign-in; others may.");

    public static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> HandleAsync(
        Guid id, IServiceProvider services, TimeProvider time, CancellationToken cancellationToken)
    {
        var result = await UserAdministration.ResetTwoFactorAsync(services, id.ToString("D"), cancellationToken);
        return result.IsSuccess
            ? TypedResults.Ok((await UserResponse.ReadAsync(services, id, time, cancellationToken))!)
            : result.Error!.ToProblem();
    }
}
