using System.ComponentModel.DataAnnotations;
using Entente.Infrastructure.Problems;
using Entente.Modules.Identity.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Identity.Features;

/// <summary>A new account as the command line, the admin page and the admin API describe it.</summary>
/// <param name="UserName">Letters, digits and <c>- . _ @ +</c>; never changes once created.</param>
/// <param name="Email">E-mail address, unique among users.</param>
/// <param name="DisplayName">Name shown in the UI; the user name when omitted.</param>
/// <param name="Roles">Administrator, Secretariat, Delegate, Monitor and/or Analyst; at least one.</param>
/// <param name="Member">Code of the member the user acts for (required for a Delegate).</param>
/// <param name="Clearance">Classification code of the security policy, such as <c>CONFIDENTIAL</c>.</param>
public sealed record CreateUserRequest(
    [property: Required(ErrorMessage = "Enter a user name."), StringLength(256, MinimumLength = 2, ErrorMessage = "A user name has 2 to 256 characters.")] string UserName,
    [property: Required(ErrorMessage = "Enter an e-mail address."), EmailAddress(ErrorMessage = "Enter a valid e-mail address."), StringLength(256)] string Email,
    [property: StringLength(200, ErrorMessage = "The display name may have at most 200 characters.")] string? DisplayName,
    [property: Required(ErrorMessage = "Give the user at least one role."), MinLength(1, ErrorMessage = "Give the user at least one role.")] IReadOnlyList<string> Roles,
    [property: StringLength(8, ErrorMessage = "A member code has at most 8 characters.")] string? Member,
    [property: Required(ErrorMessage = "Enter a clearance, such as RESTRICTED."), StringLength(64)] string Clearance);

/// <summary>The new account and its one-time password, which is shown here once and must be changed at first sign-in.</summary>
public sealed record CreatedUserResponse(UserResponse User, string OneTimePassword);

/// <summary><c>POST /api/v1/users</c>: create an account with a generated one-time password.</summary>
public static class CreateUser
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder users) =>
        users.MapPost("/", HandleAsync)
            .WithName("CreateUser")
            .WithSummary("Create a user")
            .WithDescription(
                "Creates an account with the given roles, member and clearance and returns a generated one-time password, once. " +
                "The user must replace it at first sign-in; Administrators and Secretariat staff then enrol an authenticator.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

    public static async Task<Results<Created<CreatedUserResponse>, ProblemHttpResult>> HandleAsync(
        CreateUserRequest request, IServiceProvider services, TimeProvider time, CancellationToken cancellationToken)
    {
        var password = GeneratedPassword.Create();
        var created = await UserAdministration.CreateAsync(services, request, password, cancellationToken);
        if (!created.IsSuccess)
        {
            return created.Error!.ToProblem();
        }

        var user = await UserResponse.ReadAsync(services, created.Value!.Id, time, cancellationToken);
        return TypedResults.Created($"/api/v1/users/{user!.Id:D}", new CreatedUserResponse(user, password));
    }
}
