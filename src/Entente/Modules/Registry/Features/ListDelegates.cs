using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Problems;
using Entente.Modules.Registry.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Registry.Features;

/// <summary><c>GET /members/{code}/delegates</c>: the member's delegates released to the caller, heads of delegation first.</summary>
public static class ListDelegates
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/members/{code}/delegates", HandleAsync)
            .WithName("ListDelegates")
            .WithSummary("List a member's delegates")
            .WithDescription("Each delegate carries its own label: the list and its total hold only the delegates released to you.");

    public static async Task<Results<Ok<Paged<DelegateView>>, ProblemHttpResult>> HandleAsync(
        string code, [AsParameters] PageRequest page, EntenteDbContext db, ISecurityPolicyCatalog catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var memberCode = RegistryAccess.Normalise(code);
        if (memberCode is null || !await RegistryAccess.MemberExistsAsync(db, memberCode, cancellationToken))
        {
            return RegistryAccess.MemberNotFound.ToProblem();
        }

        return TypedResults.Ok(await QueryAsync(db, catalog.Current, memberCode, page, cancellationToken));
    }

    public static Task<Paged<DelegateView>> QueryAsync(
        EntenteDbContext db, PolicySnapshot policy, string memberCode, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Delegates.AsNoTracking()
            .Where(d => d.MemberCode == memberCode)
            .OrderByDescending(d => d.IsHeadOfDelegation).ThenBy(d => d.FullName).ThenBy(d => d.Id)
            .ToPagedAsync(page, d => RegistryViews.Delegate(d, policy), cancellationToken);
    }
}
