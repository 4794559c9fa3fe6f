using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Entente.Modules.Registry.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Summits.Features;

/// <summary><c>GET /meetings/{id}</c>: a meeting with its agenda, attendance and documents; 404 when not released to the caller.</summary>
public static class GetMeeting
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/meetings/{id:guid}", HandleAsync)
            .WithName("GetMeeting")
            .WithSummary("Get a meeting")
            .WithDescription("The meeting, its agenda in order, the delegations' attendance and the documents you may read. Answers 404 when the meeting does not exist or is not released to you.")
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<MeetingDetail>, ProblemHttpResult>> HandleAsync(
        Guid id, EntenteDbContext db, ISecurityPolicyCatalog catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var detail = await QueryAsync(db, id, catalog.Current, cancellationToken);
        return detail is null ? MeetingAccess.MeetingNotFound.ToProblem() : TypedResults.Ok(detail);
    }

    public static async Task<MeetingDetail?> QueryAsync(EntenteDbContext db, Guid id, PolicySnapshot policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var meeting = await db.Meetings.AsNoTracking().Include(m => m.Agenda).Include(m => m.Attendance).AsSplitQuery()
            .FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        return meeting is null ? null : await MeetingAccess.DetailAsync(db, meeting, policy, cancellationToken);
    }
}
