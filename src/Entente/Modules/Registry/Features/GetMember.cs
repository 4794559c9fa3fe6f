using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Entente.Modules.Registry.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Registry.Features;

/// <summary><c>GET /members/{code}</c>: one member with its status history; 404 when it is not released to the caller.</summary>
public static class GetMember
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/members/{code}", HandleAsync)
            .WithName("GetMember")
            .WithSummary("Get a member")
            .WithDescription("The member, its notes, label and status history (newest first). Answers 404 when the member does not exist or is not released to you.");

    public static async Task<Results<Ok<MemberDetail>, ProblemHttpResult>> HandleAsync(
        string code, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var member = await RegistryAccess.FindMemberAsync(db, code, track: false, cancellationToken);
        return member is null
            ? RegistryAccess.MemberNotFound.ToProblem()
            : TypedResults.Ok(RegistryViews.Detail(member, catalog.Current, time.Today()));
    }
}
