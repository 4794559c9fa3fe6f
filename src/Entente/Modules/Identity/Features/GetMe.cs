using System.Security.Claims;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Entente.Infrastructure.Security;
using Entente.Modules.Identity.Auth;
using Entente.Modules.Registry.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Identity.Features;

/// <summary>The calling user as the platform knows them.</summary>
/// <param name="Id">Identifier.</param>
/// <param name="UserName">The user name, unique and never changed.</param>
/// <param name="DisplayName">Name shown in the UI.</param>
/// <param name="Email">E-mail address, unique.</param>
/// <param name="Member">Code of the member the user acts for, or null.</param>
/// <param name="Clearance">Classification code of the security policy.</param>
/// <param name="Roles">Role names, most powerful first.</param>
/// <param name="TwoFactorEnabled">An authenticator app is enrolled.</param>
/// <param name="TwoFactorRequired">A role requires two-factor authentication.</param>
/// <param name="AuthenticatedBy"><c>cookie</c> or <c>token:{id}</c>.</param>
/// <param name="LastSeenAt">UTC of the last sign-in or token use.</param>
public sealed record MeResponse(
    Guid Id,
    string UserName,
    string DisplayName,
    string? Email,
    string? Member,
    string Clearance,
    IReadOnlyList<string> Roles,
    bool TwoFactorEnabled,
    bool TwoFactorRequired,
    string AuthenticatedBy,
    DateTime? LastSeenAt);

/// <summary><c>GET /api/v1/me</c>: who am I.</summary>
public static class GetMe
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder me) =>
        me.MapGet("/", HandleAsync)
            .WithName("GetMe")
            .WithSummary("Who am I")
            .WithDescription("The calling user's roles, member and clearance: what the API will let this caller see and do.");

    public static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> HandleAsync(
        ClaimsPrincipal principal, Caller caller, EntenteDbContext db, ISecurityPolicyCatalog policy, TimeProvider time, CancellationToken cancellationToken)
    {
        var user = caller.UserId is { } id ? await UserAdministration.GetAsync(db, id, time, cancellationToken) : null;
        if (user is null)
        {
            return ProblemResults.NotFound("Your account");
        }

        return TypedResults.Ok(new MeResponse(user.Id, user.UserName, user.DisplayName, user.Email, user.Member,
            policy.Current.CodeOf(user.Clearance), user.Roles, user.TwoFactorEnabled,
            TwoFactorRequirement.AppliesTo(user.Roles),
            principal.FindFirstValue(EntenteClaims.AuthenticationMethod) ?? "cookie", user.LastSeenAt));
    }
}
