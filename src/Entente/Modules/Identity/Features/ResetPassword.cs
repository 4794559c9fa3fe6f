using Entente.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Identity.Features;

/// <summary>The account after the reset and its new one-time password, shown here once.</summary>
public sealed record PasswordResetResponse(UserResponse User, string OneTimePassword);

/// <summary><c>POST /api/v1/users/{id}/reset-password</c>: replace a forgotten password with a one-time password.</summary>
public static class ResetPassword
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder users) =>
        users.MapPost("/{id:guid}/reset-password", HandleAsync)
            .WithName("ResetPassword")
            .WithSummary("Reset a user's password")
            .WithDescription(
                "Replaces the password with a generated one-time password (returned once), ends any lockout and the user's " +
                "sessions, and revokes the user's API tokens. The user must choose a new password at next sign-in. Two-factor " +
                "authentication is unchanged.");

    public static async Task<Results<Ok<PasswordResetResponse>, ProblemHttpResult>> HandleAsync(
        Guid id, IServiceProvider services, TimeProvider time, CancellationToken cancellationToken)
    {
        var result = await UserAdministration.ResetPasswordAsync(services, id.ToString("D"), cancellationToken);
        if (!result.IsSuccess)
        {
            return result.Error!.ToProblem();
        }

        var user = await UserResponse.ReadAsync(services, id, time, cancellationToken);
        return TypedResults.Ok(new PasswordResetResponse(user!, result.Value!));
    }
}
