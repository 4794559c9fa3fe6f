using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Problems;
using Entente.Modules.Monitoring.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Monitoring.Features;

/// <summary><c>/events</c>: events correlated from observations.</summary>
public static class Events
{
    public static DomainError NotFound { get; } = DomainError.NotFound("The event");

    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapGet("/events", ListAsync).WithName("ListEvents").WithSummary("List events")
            .WithDescription("Events released to you (an event carries the most restrictive label of its observations), newest first. Events merged into others are left out.");
        group.MapGet("/events/{id:guid}", GetAsync).WithName("GetEvent").WithSummary("Get an event")
            .WithDescription("The event, the rule that linked its observations, and the observations you may see.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static async Task<Ok<Paged<EventSummary>>> ListAsync(
        [AsParameters] PageRequest page, EntenteDbContext db, Registry.Contracts.ISecurityPolicyCatalog catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var policy = catalog.Current;
        return TypedResults.Ok(await db.Events.AsNoTracking().Where(e => e.MergedInto == null).OrderByDescending(e => e.StartsAt).ThenBy(e => e.Id)
            .ToPagedAsync(page, e => MonitoringViews.Summary(e, policy), cancellationToken));
    }

    public static async Task<Results<Ok<EventDetail>, ProblemHttpResult>> GetAsync(
        Guid id, EntenteDbContext db, Registry.Contracts.ISecurityPolicyCatalog catalog, Correlator correlator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(correlator);
        var e = await db.Events.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (e is null)
        {
            return NotFound.ToProblem();
        }

        var policy = catalog.Current;
        var observations = await db.Observations.AsNoTracking().Where(o => o.EventId == id).OrderBy(o => o.ObservedFrom).ThenBy(o => o.Id)
            .Take(500).ToListAsync(cancellationToken);
        return TypedResults.Ok(new EventDetail(MonitoringViews.Summary(e, policy), correlator.Options.Explain(),
            [.. observations.Select(o => MonitoringViews.View(o, policy))]));
    }
}
