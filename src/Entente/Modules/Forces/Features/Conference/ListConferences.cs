using Entente.Infrastructure.Data;
using Entente.Modules.Registry.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Forces.Features.Conference;

/// <summary><c>GET /force-generation/conferences</c>: the conferences the caller may see, latest first.</summary>
public static class ListConferences
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/force-generation/conferences", HandleAsync)
            .RequireAuthorization()
            .WithName("ListConferences")
            .WithSummary("List force-generation conferences")
            .WithDescription("Conferences released to you, the latest first, with their number of rounds and the open round.");

    public static async Task<Ok<IReadOnlyList<ConferenceSummary>>> HandleAsync(EntenteDbContext db, ISecurityPolicyCatalog catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(catalog);
        var policy = catalog.Current;
        var conferences = await db.ForceGenerationConferences.AsNoTracking().Include(c => c.Rounds)
            .OrderByDescending(c => c.HeldOn).ThenByDescending(c => c.CreatedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<ConferenceSummary>>(conferences.Select(c => ConferenceViews.Summary(c, policy)).ToList());
    }
}
