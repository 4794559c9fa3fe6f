using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Entente.Modules.Forces.Domain;
using Entente.Modules.Registry.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Forces.Features.Conference;

/// <summary>
/// The force's readiness over time from a conference's confirmed bids: the sampled dates, per priority the share of
/// minimum and desired quantity covered on each date, and per line its coverage and the days it becomes filled.
/// </summary>
public sealed record ConferenceReadinessView(Guid ConferenceId, DateOnly From, int Months, ReadinessTimeline Timeline);

/// <summary><c>GET /force-generation/conferences/{id}/readiness</c>: coverage by priority over the coming months.</summary>
public static class GetConferenceReadiness
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/force-generation/conferences/{id:guid}/readiness", HandleAsync)
            .RequireAuthorization()
            .WithName("GetConferenceReadiness")
            .WithSummary("Readiness over time from a conference")
            .WithDescription("From today, month by month over the coming months (12 unless ?months= says 1 to 36): each active line's coverage by the conference's confirmed bids, counting an offer only while it stands, is within its window and is at (or planned to be at) the line's minimum readiness level or above; the share of minimum and desired quantity covered by priority; and the first day each line is filled to its minimum and to its desired quantity, or never. Counts only what you may see.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<ConferenceReadinessView>, ProblemHttpResult>> HandleAsync(
        Guid id, int? months, EntenteDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var horizon = months ?? ReadinessTimeline.DefaultMonths;
        if (horizon is < 1 or > ReadinessTimeline.MaxMonths)
        {
            return DomainError.Invalid("months", $"Give a number of months from 1 to {ReadinessTimeline.MaxMonths}.").ToProblem();
        }

        var view = await ComputeAsync(db, id, time.Today(), horizon, cancellationToken);
        return view is null ? ConferenceErrors.NotFound.ToProblem() : TypedResults.Ok(view);
    }

    /// <summary>The timeline of a conference the caller may see, or null when it may not.</summary>
    public static async Task<ConferenceReadinessView?> ComputeAsync(EntenteDbContext db, Guid id, DateOnly from, int months, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!await db.ForceGenerationConferences.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return null;
        }

        // The label filter leaves only confirmed bids on offers and lines the caller may see.
        var assignments = await db.ConferenceBids.AsNoTracking()
            .Where(b => b.ConferenceId == id && b.Status == BidStatus.Confirmed)
            .Select(b => new TimelineAssignment(b.OfferId, b.RequirementLineId, b.Quantity))
            .ToListAsync(cancellationToken);
        var offerIds = assignments.Select(a => a.OfferId).Distinct().ToList();
        var offers = await db.Offers.AsNoTracking().Include(o => o.ReadinessHistory).Include(o => o.ReadinessPlan).AsSplitQuery()
            .Where(o => offerIds.Contains(o.Id)).ToListAsync(cancellationToken);
        var lines = await db.RequirementLines.AsNoTracking().Where(l => l.Status == RequirementStatus.Active)
            .OrderBy(l => l.Number).ToListAsync(cancellationToken);
        var timeline = ReadinessTimeline.Compute(
            lines.Select(l => new TimelineLine(l.Id, l.Code, l.Priority, l.MinimumQuantity, l.DesiredQuantity, l.MinimumReadiness, l.StartsOn, l.EndsOn)),
            offers.Select(ToTimeline),
            assignments, from, months);
        return new ConferenceReadinessView(id, from, months, timeline);
    }

    /// <summary>An offer's readiness as the timeline reads it: the levels reached, then the steps planned.</summary>
    public static TimelineOffer ToTimeline(Offer offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var levels = offer.ReadinessHistory.OrderBy(m => m.Sequence).Select(m => new TimelineLevel(m.ReachedOn, m.Level))
            .Concat(offer.ReadinessPlan.OrderBy(s => s.Sequence).Select(s => new TimelineLevel(s.ExpectedOn, s.Level)))
            .ToList();
        return new TimelineOffer(offer.Id, offer.AvailableFrom, offer.AvailableUntil, offer.Status == OfferStatus.Offered, levels);
    }
}
