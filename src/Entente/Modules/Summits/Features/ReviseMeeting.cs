using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Registry.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Summits.Features;

/// <summary><c>PUT /meetings/{id}</c>: the Secretariat revises a meeting, at the version it read.</summary>
public static class ReviseMeeting
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPut("/meetings/{id:guid}", HandleAsync)
            .RequireAuthorization(SummitsPolicies.ManageMeetings)
            .WithName("ReviseMeeting")
            .WithSummary("Revise a meeting")
            .WithDescription("Replaces what the meeting is (same fields as planning) at the version given in `version`; a concurrent change answers 409. Moving the meeting re-arms its reminder.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<Ok<MeetingDetail>, ProblemHttpResult>> HandleAsync(
        Guid id, MeetingInput request, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var result = await ExecuteAsync(id, request, db, catalog, time, cancellationToken);
        return result.IsSuccess
            ? TypedResults.Ok(await MeetingAccess.DetailAsync(db, result.Value!, catalog.Current, cancellationToken))
            : result.Error!.ToProblem();
    }

    public static async Task<Result<Domain.Meeting>> ExecuteAsync(
        Guid id, MeetingInput request, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(db);
        if (request.Version is not { } version)
        {
            return DomainError.Invalid("version", "Give the version of the meeting you are revising.");
        }

        var meeting = await MeetingAccess.LoadAsync(db, id, cancellationToken);
        if (meeting is null)
        {
            return MeetingAccess.MeetingNotFound;
        }

        if (meeting.Version != version)
        {
            return MeetingAccess.VersionConflict(meeting.Version);
        }

        var resolved = await MeetingAccess.ResolveAsync(request, db.Caller, catalog, db, meeting.Label, cancellationToken);
        if (!resolved.IsSuccess)
        {
            return resolved.Error!;
        }

        var revised = meeting.Revise(resolved.Value.Details, resolved.Value.Label, db.Caller.ActorName, time.UtcNow());
        if (!revised.IsSuccess)
        {
            return revised.Error!;
        }

        var saved = await MeetingAccess.SaveAsync(db, meeting.Id, cancellationToken);
        return saved.IsSuccess ? meeting : saved.Error!;
    }
}
