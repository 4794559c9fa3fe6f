using System.ComponentModel.DataAnnotations;
using Entente.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Identity.Features;

/// <summary>The editable fields of an account, all replaced at once. The user name cannot change.</summary>
/// <param name="DisplayName">Name shown in the UI.</param>
/// <param name="Email">E-mail address, unique among users.</param>
/// <param name="Roles">Administrator, Secretariat, Delegate, Monitor and/or Analyst; at least one.</param>
/// <param name="Member">Code of the member the user acts for, or null for none (not allowed for a Delegate).</param>
/// <param name="Clearance">Classification code of the security policy.</param>
public sealed record UpdateUserRequest(
    [property: Required(ErrorMessage = "Enter the name shown for this user."), StringLength(200, ErrorMessage = "The display name may have at most 200 characters.")] string DisplayName,
    [property: Required(ErrorMessage = "Enter an e-mail address."), EmailAddress(ErrorMessage = "Enter a valid e-mail address."), StringLength(256)] string Email,
    [property: Required(ErrorMessage = "Give the user at least one role."), MinLength(1, ErrorMessage = "Give the user at least one role.")] IReadOnlyList<string> Roles,
    [property: StringLength(8, ErrorMessage = "A member code has at most 8 characters.")] string? Member,
    [property: Required(ErrorMessage = "Enter a clearance, such as RESTRICTED."), StringLength(64)] string Clearance);

/// <summary><c>PUT /api/v1/users/{id}</c>: change an account's name, e-mail, roles, member and clearance.</summary>
public static class UpdateUser
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder users) =>
        users.MapPut("/{id:guid}", HandleAsync)
            .WithName("UpdateUser")
            .WithSummary("Change a user's roles, member, clearance and names")
            .WithDescription(
                "Replaces the display name, e-mail address, roles, member and clearance. The user's sessions re-validate " +
                "within a minute. You cannot remove your own Administrator role, and the last active Administrator keeps it (422).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> HandleAsync(
        Guid id, UpdateUserRequest request, IServiceProvider services, TimeProvider time, CancellationToken cancellationToken)
    {
        var updated = await UserAdministration.UpdateAsync(services, id, request, cancellationToken);
        if (!updated.IsSuccess)
        {
            return updated.Error!.ToProblem();
        }

        return TypedResults.Ok((await UserResponse.ReadAsync(services, id, time, cancellationToken))!);
    }
}
