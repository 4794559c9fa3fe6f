using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Entente.Modules.Registry.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Identity.Features;

/// <summary>An account as the admin API shows it. Never includes secrets.</summary>
/// <param name="Id">Identifier.</param>
/// <param name="UserName">The user name, unique and never changed.</param>
/// <param name="Email">E-mail address, unique.</param>
/// <param name="DisplayName">Name shown in the UI.</param>
/// <param name="Member">Code of the member the user acts for, or null.</param>
/// <param name="Clearance">Classification code of the security policy.</param>
/// <param name="Roles">Role names, most powerful first.</param>
/// <param name="TwoFactorEnabled">An authenticator app is enrolled.</param>
/// <param name="TwoFactorRequired">A role requires two-factor authentication.</param>
/// <param name="State">Whether it can be used now.</param>
/// <param name="LockedOutUntil">UTC end of a lockout in force, or null.</param>
/// <param name="PasswordChangeRequired">The user holds a one-time password and must choose a new one at next sign-in.</param>
/// <param name="CreatedAt">UTC.</param>
/// <param name="LastSeenAt">UTC of the last sign-in or token use.</param>
/// <param name="IsDemo">Created by the demo seeder.</param>
public sealed record UserResponse(
    Guid Id,
    string UserName,
    string? Email,
    string DisplayName,
    string? Member,
    string Clearance,
    IReadOnlyList<string> Roles,
    bool TwoFactorEnabled,
    bool TwoFactorRequired,
    UserState State,
    DateTimeOffset? LockedOutUntil,
    bool PasswordChangeRequired,
    DateTime CreatedAt,
    DateTime? LastSeenAt,
    bool IsDemo)
{
    public static UserResponse From(UserSummary u, PolicySnapshot policy)
    {
        ArgumentNullException.ThrowIfNull(u);
        ArgumentNullException.ThrowIfNull(policy);
        return new UserResponse(u.Id, u.UserName, u.Email, u.DisplayName, u.Member, policy.CodeOf(u.Clearance), u.Roles,
            u.TwoFactorEnabled, u.Roles.Any(Domain.Roles.RequiringTwoFactor.Contains), u.State, u.LockedOutUntil,
            u.PasswordChangeRequired, u.CreatedAt, u.LastSeenAt, u.IsDemo);
    }

    /// <summary>Reads the account afresh, after a change.</summary>
    public static async Task<UserResponse?> ReadAsync(IServiceProvider services, Guid id, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var db = services.GetRequiredService<EntenteDbContext>();
        var summary = await UserAdministration.GetAsync(db, id, time, cancellationToken);
        return summary is null ? null : From(summary, services.GetRequiredService<ISecurityPolicyCatalog>().Current);
    }
}

/// <summary><c>GET /api/v1/users/{id}</c>: one account.</summary>
public static class GetUser
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder users) =>
        users.MapGet("/{id:guid}", HandleAsync)
            .WithName("GetUser")
            .WithSummary("Read a user")
            .WithDescription("The account's roles, member, clearance, two-factor state, lockout and last activity.");

    public static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> HandleAsync(
        Guid id, IServiceProvider services, TimeProvider time, CancellationToken cancellationToken)
    {
        var user = await UserResponse.ReadAsync(services, id, time, cancellationToken);
        return user is null ? ProblemResults.NotFound("The user") : TypedResults.Ok(user);
    }
}
