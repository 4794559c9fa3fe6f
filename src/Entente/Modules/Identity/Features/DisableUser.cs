using Entente.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Identity.Features;

/// <summary><c>POST /api/v1/users/{id}/disable</c>: stop an account from signing in or using its tokens.</summary>
public static class DisableUser
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder users) =>
        users.MapPost("/{id:guid}/disable", HandleAsync)
            .WithName("DisableUser")
            .WithSummary("Disable a user")
            .WithDescription(
                "The account can no longer sign in; its sessions end and its API tokens are refused at once. You cannot " +
                "disable yourself, and the last active Administrator stays enabled (422). Already disabled: 409.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> HandleAsync(
        Guid id, IServiceProvider services, TimeProvider time, CancellationToken cancellationToken)
    {
        var result = await UserAdministration.SetDisabledAsync(services, id.ToString("D"), disabled: true, cancellationToken);
        return result.IsSuccess
            ? TypedResults.Ok((await UserResponse.ReadAsync(services, id, time, cancellationToken))!)
            : result.Error!.ToProblem();
    }
}
