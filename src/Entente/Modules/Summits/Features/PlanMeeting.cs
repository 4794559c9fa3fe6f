using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Problems;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Registry.Features;
using Entente.Modules.Summits.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Summits.Features;

/// <summary><c>POST /meetings</c>: the Secretariat plans a meeting.</summary>
public static class PlanMeeting
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/meetings", HandleAsync)
            .RequireAuthorization(SummitsPolicies.ManageMeetings)
            .Idempotent()
            .WithName("PlanMeeting")
            .WithSummary("Plan a meeting")
            .WithDescription("Plans a meeting: title, level, format, venue and host, co-chairs, start and end as instants with the venue's IANA time zone (required), the invitation list and the label. Co-chairs and the host must be invited. Secretariat and administrators only.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<Created<MeetingDetail>, ProblemHttpResult>> HandleAsync(
        MeetingInput request, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var result = await ExecuteAsync(request, db, catalog, time, cancellationToken);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/meetings/{result.Value!.Id}", await MeetingAccess.DetailAsync(db, result.Value, catalog.Current, cancellationToken))
            : result.Error!.ToProblem();
    }

    public static async Task<Result<Meeting>> ExecuteAsync(
        MeetingInput request, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var resolved = await MeetingAccess.ResolveAsync(request, db.Caller, catalog, db, null, cancellationToken);
        if (!resolved.IsSuccess)
        {
            return resolved.Error!;
        }

        var planned = Meeting.Plan(resolved.Value.Details, resolved.Value.Label, db.Caller.ActorName, time.UtcNow());
        if (!planned.IsSuccess)
        {
            return planned.Error!;
        }

        db.Meetings.Add(planned.Value!);
        await db.SaveChangesAsync(cancellationToken);
        return planned.Value!;
    }
}
