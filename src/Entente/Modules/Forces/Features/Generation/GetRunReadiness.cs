using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Entente.Modules.Forces.Domain;
using Entente.Modules.Forces.Features.Conference;
using Entente.Modules.Registry.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Forces.Features.Generation;

/// <summary>
/// The force's readiness over time if a run's assignment were adopted: the sampled dates, per priority the share of minimum
/// and desired quantity covered on each date, and per line its coverage and the days it becomes filled.
/// </summary>
public sealed record RunReadinessView(Guid RunId, string ScenarioName, DateOnly From, int Months, ReadinessTimeline Timeline);

/// <summary>
/// <c>GET /force-generation/runs/{id}/readiness</c>: the run's assignments fed to the same readiness timeline as a
/// conference's confirmed bids. The run is 404 for whoever may not read it; the lines are those the run covered, as they
/// stand today, and the offers as they stand today (a withdrawn offer no longer counts).
/// </summary>
public static class GetRunReadiness
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/force-generation/runs/{id:guid}/readiness", HandleAsync)
            .RequireAuthorization()
            .WithName("GetForceGenerationRunReadiness")
            .WithSummary("Readiness over time from a force-generation run")
            .WithDescription("From today, month by month over the coming months (12 unless ?months= says 1 to 36): each line of the run covered by the run's assignments, counting an offer only while it stands, is within its window and is at (or planned to be at) the line's minimum readiness level or above; the share of minimum and desired quantity covered by priority; and the first day each line is filled to its minimum and to its desired quantity, or never. 404 when you may not read the run.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<RunReadinessView>, ProblemHttpResult>> HandleAsync(
        Guid id, int? months, EntenteDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var horizon = months ?? ReadinessTimeline.DefaultMonths;
        if (horizon is < 1 or > ReadinessTimeline.MaxMonths)
        {
            return DomainError.Invalid("months", $"Give a number of months from 1 to {ReadinessTimeline.MaxMonths}.").ToProblem();
        }

        var run = await RunAccess.FindAsync(db, id, cancellationToken);
        return run is null ? GenerationAccess.RunNotFound.ToProblem() : TypedResults.Ok(await ComputeAsync(db, run, time.Today(), horizon, cancellationToken));
    }

    /// <summary>The timeline of a run the caller has already been allowed to read.</summary>
    public static async Task<RunReadinessView> ComputeAsync(EntenteDbContext db, ForceRun run, DateOnly from, int months, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(run);
        var assignments = run.Assignments.Select(a => new TimelineAssignment(a.OfferId, a.LineId, a.Quantity)).ToList();
        var lineIds = run.Coverage.Select(c => c.LineId).ToList();
        var offerIds = assignments.Select(a => a.OfferId).Distinct().ToList();
        // Read under the label filter as well: a run is released only to those who may read all of its inputs, so for
        // them nothing is lost here; a line or offer relabelled since the run simply drops out.
        var offers = await db.Offers.AsNoTracking().Include(o => o.ReadinessHistory).Include(o => o.ReadinessPlan).AsSplitQuery()
            .Where(o => offerIds.Contains(o.Id)).ToListAsync(cancellationToken);
        var lines = await db.RequirementLines.AsNoTracking().Where(l => lineIds.Contains(l.Id))
            .OrderBy(l => l.Number).ToListAsync(cancellationToken);
        var timeline = ReadinessTimeline.Compute(
            lines.Select(l => new TimelineLine(l.Id, l.Code, l.Priority, l.MinimumQuantity, l.DesiredQuantity, l.MinimumReadiness, l.StartsOn, l.EndsOn)),
            offers.Select(GetConferenceReadiness.ToTimeline),
            assignments, from, months);
        return new RunReadinessView(run.Id, run.ScenarioName, from, months, timeline);
    }
}
