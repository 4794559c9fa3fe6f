using System.ComponentModel.DataAnnotations;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Problems;
using Entente.Infrastructure.Text;
using Entente.Modules.Registry.Features;
using Entente.Modules.Summits.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Summits.Features;

/// <summary>A new revision of the minutes: the whole text as it now stands.</summary>
public sealed record MinutesInput
{
    [Required]
    [StringLength(MinutesRevision.MaxTextLength)]
    public string Text { get; init; } = "";
}

/// <summary><c>POST /meetings/{id}/minutes</c> adds a revision; <c>GET /meetings/{id}/minutes</c> lists them all, newest first.</summary>
public static class ReviseMinutes
{
    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapPost("/meetings/{id:guid}/minutes", HandleAsync)
            .RequireAuthorization(SummitsPolicies.ManageMeetings)
            .Idempotent()
            .WithName("ReviseMinutes")
            .WithSummary("Add a revision of a meeting's minutes")
            .WithDescription("Stores the minutes' full text as a new revision; earlier revisions are kept with who wrote them and when.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/meetings/{id:guid}/minutes", ListAsync)
            .WithName("ListMinutes")
            .WithSummary("List the revisions of a meeting's minutes")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static async Task<Results<Created<MinutesRevisionView>, ProblemHttpResult>> HandleAsync(
        Guid id, MinutesInput request, EntenteDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var result = await ExecuteAsync(id, request, db, time, cancellationToken);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/meetings/{id}/minutes", new MinutesRevisionView(result.Value!.Number, result.Value.Text, result.Value.By, result.Value.At))
            : result.Error!.ToProblem();
    }

    public static async Task<Result<MinutesRevision>> ExecuteAsync(
        Guid id, MinutesInput request, EntenteDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(db);
        var text = PlainText.Check("text", request.Text, MinutesRevision.MaxTextLength, required: true, multiline: true);
        if (!text.IsSuccess)
        {
            return text.Error!;
        }

        var meeting = await db.Meetings.FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (meeting is null)
        {
            return MeetingAccess.MeetingNotFound;
        }

        var number = 1 + (await db.MinutesRevisions.Where(r => r.MeetingId == id).MaxAsync(r => (int?)r.Number, cancellationToken) ?? 0);
        var now = time.UtcNow();
        var revision = new MinutesRevision(id, number, text.Value!, db.Caller.ActorName, now);
        db.MinutesRevisions.Add(revision);

        // The meeting's version moves too, so two editors writing revision n at once collide instead of both succeeding.
        meeting.Touch(db.Caller.ActorName, now);
        var saved = await MeetingAccess.SaveAsync(db, id, cancellationToken);
        return saved.IsSuccess ? revision : saved.Error!;
    }

    public static async Task<Results<Ok<IReadOnlyList<MinutesRevisionView>>, ProblemHttpResult>> ListAsync(
        Guid id, EntenteDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!await db.Meetings.AnyAsync(m => m.Id == id, cancellationToken))
        {
            return MeetingAccess.MeetingNotFound.ToProblem();
        }

        var revisions = await db.MinutesRevisions.AsNoTracking().Where(r => r.MeetingId == id).OrderByDescending(r => r.Number)
            .Select(r => new MinutesRevisionView(r.Number, r.Text, r.By, r.At)).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<MinutesRevisionView>>(revisions);
    }
}
