using System.ComponentModel.DataAnnotations;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Problems;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Registry.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Summits.Features;

/// <summary>A change of a meeting's status, at the version the caller read.</summary>
public sealed record MeetingStatusInput
{
    [StringLength(1000)]
    public string? Reason { get; init; }

    public int? Version { get; init; }
}

/// <summary><c>POST /meetings/{id}/cancel</c> and <c>/held</c>: the Secretariat cancels a meeting, or records that it was held.</summary>
public static class CancelMeeting
{
    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapPost("/meetings/{id:guid}/cancel", CancelAsync)
            .RequireAuthorization(SummitsPolicies.ManageMeetings)
            .Idempotent()
            .WithName("CancelMeeting")
            .WithSummary("Cancel a meeting")
            .WithDescription("Cancels a planned meeting, with an optional reason; it stays in the calendar, marked cancelled, and its reminder is not sent.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/meetings/{id:guid}/held", HeldAsync)
            .RequireAuthorization(SummitsPolicies.ManageMeetings)
            .Idempotent()
            .WithName("MarkMeetingHeld")
            .WithSummary("Record that a meeting was held")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    public static Task<Results<Ok<MeetingDetail>, ProblemHttpResult>> CancelAsync(
        Guid id, MeetingStatusInput request, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time, CancellationToken cancellationToken) =>
        ChangeAsync(id, request, db, catalog, (m, actor) => m.Cancel(PlainTextReason(request), actor, time.UtcNow()), cancellationToken);

    public static Task<Results<Ok<MeetingDetail>, ProblemHttpResult>> HeldAsync(
        Guid id, MeetingStatusInput request, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time, CancellationToken cancellationToken) =>
        ChangeAsync(id, request, db, catalog, (m, actor) => m.MarkHeld(actor, time.UtcNow()), cancellationToken);

    private static string? PlainTextReason(MeetingStatusInput request) => Infrastructure.Text.PlainText.TrimToNull(request?.Reason);

    private static async Task<Results<Ok<MeetingDetail>, ProblemHttpResult>> ChangeAsync(
        Guid id, MeetingStatusInput request, EntenteDbContext db, ISecurityPolicyCatalog catalog, Func<Domain.Meeting, string, Result> change,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(catalog);
        var reason = Infrastructure.Text.PlainText.Check("reason", request.Reason, 1000, multiline: true);
        if (!reason.IsSuccess)
        {
            return reason.Error!.ToProblem();
        }

        var meeting = await MeetingAccess.LoadAsync(db, id, cancellationToken);
        if (meeting is null)
        {
            return MeetingAccess.MeetingNotFound.ToProblem();
        }

        if (request.Version is { } version && version != meeting.Version)
        {
            return MeetingAccess.VersionConflict(meeting.Version).ToProblem();
        }

        var changed = change(meeting, db.Caller.ActorName);
        if (!changed.IsSuccess)
        {
            return changed.Error!.ToProblem();
        }

        var saved = await MeetingAccess.SaveAsync(db, id, cancellationToken);
        return saved.IsSuccess
            ? TypedResults.Ok(await MeetingAccess.DetailAsync(db, meeting, catalog.Current, cancellationToken))
            : saved.Error!.ToProblem();
    }
}
