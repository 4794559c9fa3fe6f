using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Entente.Modules.Registry.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Registry.Features;

/// <summary><c>GET /members/{code}/delegates/{id}</c>: one delegate; 404 unless both it and its member are released to the caller.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "A delegate here is a person who represents a member.")]
public static class GetDelegate
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/members/{code}/delegates/{id:guid}", HandleAsync)
            .WithName("GetDelegate")
            .WithSummary("Get a delegate");

    public static async Task<Results<Ok<DelegateView>, ProblemHttpResult>> HandleAsync(
        string code, Guid id, EntenteDbContext db, ISecurityPolicyCatalog catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var found = await FindAsync(db, code, id, cancellationToken);
        return found is null ? RegistryAccess.DelegateNotFound.ToProblem() : TypedResults.Ok(RegistryViews.Delegate(found, catalog.Current));
    }

    public static async Task<Domain.Representative?> FindAsync(EntenteDbContext db, string code, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var memberCode = RegistryAccess.Normalise(code);
        if (memberCode is null || !await RegistryAccess.MemberExistsAsync(db, memberCode, cancellationToken))
        {
            return null;
        }

        return await db.Delegates.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id && d.MemberCode == memberCode, cancellationToken);
    }
}
