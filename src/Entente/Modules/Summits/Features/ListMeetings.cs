using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Problems;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Summits.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Summits.Features;

/// <summary>Filters of the meetings list: <c>from</c> keeps meetings that end at or after it, <c>to</c> those that start before it.</summary>
public sealed record MeetingFilter
{
    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? To { get; init; }

    public MeetingLevel? Level { get; init; }

    public MeetingStatus? Status { get; init; }
}

/// <summary><c>GET /meetings</c>: the meetings the caller may read, by start; the total counts only those.</summary>
public static class ListMeetings
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/meetings", HandleAsync)
            .WithName("ListMeetings")
            .WithSummary("List meetings")
            .WithDescription("Meetings released to you, earliest first, filtered by period (`from`, `to`: instants), `level` and `status`. Totals count only what you may read.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

    public static async Task<Results<Ok<Paged<MeetingSummary>>, ProblemHttpResult>> HandleAsync(
        [AsParameters] MeetingFilter filter, [AsParameters] PageRequest page, EntenteDbContext db, ISecurityPolicyCatalog catalog,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(catalog);
        if (filter.From is { } f && filter.To is { } t && t <= f)
        {
            return DomainError.Invalid("to", "The end of the period must come after its start.").ToProblem();
        }

        var policy = catalog.Current;
        return TypedResults.Ok(await Query(db, filter).ToPagedAsync(page, m => MeetingAccess.Summary(m, policy), cancellationToken));
    }

    /// <summary>The filtered meetings through the label filter, earliest first.</summary>
    public static IQueryable<Meeting> Query(EntenteDbContext db, MeetingFilter filter)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        var query = db.Meetings.AsNoTracking();
        if (filter.From is { } from)
        {
            var f = from.UtcDateTime;
            query = query.Where(m => m.EndsAt >= f);
        }

        if (filter.To is { } to)
        {
            var t = to.UtcDateTime;
            query = query.Where(m => m.StartsAt < t);
        }

        if (filter.Level is { } level)
        {
            query = query.Where(m => m.Level == level);
        }

        if (filter.Status is { } status)
        {
            query = query.Where(m => m.Status == status);
        }

        return query.OrderBy(m => m.StartsAt).ThenBy(m => m.Id);
    }
}
