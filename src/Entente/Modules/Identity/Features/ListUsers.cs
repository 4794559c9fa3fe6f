using System.ComponentModel.DataAnnotations;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Problems;
using Entente.Modules.Registry.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Identity.Features;

/// <summary>Filters of <c>GET /api/v1/users</c>.</summary>
public sealed record ListUsersQuery
{
    /// <summary>Part of the user name, display name or e-mail address, in any case.</summary>
    [StringLength(100)]
    public string? Search { get; init; }

    /// <summary>Only holders of this role.</summary>
    [StringLength(32)]
    public string? Role { get; init; }

    /// <summary>Only users of this member; <c>-</c> for users of no member.</summary>
    [StringLength(8)]
    public string? Member { get; init; }

    /// <summary><c>active</c>, <c>disabled</c> or <c>lockedOut</c>.</summary>
    [StringLength(16)]
    public string? State { get; init; }
}

/// <summary><c>GET /api/v1/users</c>: accounts, paged and filtered.</summary>
public static class ListUsers
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder users) =>
        users.MapGet("/", HandleAsync)
            .WithName("ListUsers")
            .WithSummary("List users")
            .WithDescription("Accounts ordered by user name, filtered by text, role, member and state.")
            .ProducesValidationProblem();

    public static async Task<Results<Ok<Paged<UserResponse>>, ProblemHttpResult>> HandleAsync(
        [AsParameters] ListUsersQuery query,
        [AsParameters] PageRequest page,
        EntenteDbContext db,
        ISecurityPolicyCatalog policy,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!string.IsNullOrWhiteSpace(query.Role) && Domain.Roles.Normalise(query.Role) is null)
        {
            errors["role"] = [$"'{query.Role}' is not a role. Roles: {string.Join(", ", Domain.Roles.All)}."];
        }

        UserState? state = null;
        if (!string.IsNullOrWhiteSpace(query.State))
        {
            if (Enum.TryParse<UserState>(query.State, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
            {
                state = parsed;
            }
            else
            {
                errors["state"] = ["The state is one of active, disabled or lockedOut."];
            }
        }

        if (errors.Count > 0)
        {
            return ProblemResults.Validation(errors);
        }

        var result = await UserAdministration.QueryAsync(db, new UserFilter(query.Search, query.Role, query.Member, state), page, time, cancellationToken);
        var snapshot = policy.Current;
        return TypedResults.Ok(new Paged<UserResponse>(
            result.Items.Select(u => UserResponse.From(u, snapshot)).ToList(), result.Page, result.PageSize, result.Total));
    }
}
