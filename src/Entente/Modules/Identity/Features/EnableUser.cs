using Entente.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Identity.Features;

/// <summary><c>POST /api/v1/users/{id}/enable</c>: let a disabled account sign in again.</summary>
public static class EnableUser
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder users) =>
        users.MapPost("/{id:guid}/enable", HandleAsync)
            .WithName("EnableUser")
            .WithSummary("Enable a disabled user")
            .WithDescription("The account may sign in again; its unexpired, unrevoked tokens work again. Already enabled: 409.")
            .ProducesProblem(StatusCodes.Status409Conflict);

    public static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> HandleAsync(
        Guid id, IServiceProvider services, TimeProvider time, CancellationToken cancellationToken)
    {
        var result = await UserAdministration.SetDisabledAsync(services, id.ToString("D"), disabled: false, cancellationToken);
        return result.IsSuccess
            ? TypedResults.Ok((await UserResponse.ReadAsync(services, id, time, cancellationToken))!)
            : result.Error!.ToProblem();
    }
}
