using Entente.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Identity.Features;

/// <summary><c>POST /api/v1/users/{id}/unlock</c>: end a lockout after failed sign-ins.</summary>
public static class UnlockUser
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder users) =>
        users.MapPost("/{id:guid}/unlock", HandleAsync)
            .WithName("UnlockUser")
            .WithSummary("Unlock a user")
            .WithDescription("Ends a lockout now and clears the count of failed sign-in attempts.");

    public static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> HandleAsync(
        Guid id, IServiceProvider services, TimeProvider time, CancellationToken cancellationToken)
    {
        var result = await UserAdministration.UnlockAsync(services, id.ToString("D"), cancellationToken);
        return result.IsSuccess
            ? TypedResults.Ok((await UserResponse.ReadAsync(services, id, time, cancellationToken))!)
            : result.Error!.ToProblem();
    }
}
