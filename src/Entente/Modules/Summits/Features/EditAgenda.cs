using System.ComponentModel.DataAnnotations;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Problems;
using Entente.Infrastructure.Text;
using Entente.Modules.Registry.Features;
using Entente.Modules.Summits.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Summits.Features;

/// <summary>An agenda item as given: a rapporteur member and/or person, a slot within the meeting, what it decides.</summary>
public sealed record AgendaItemInput
{
    [Required]
    [StringLength(AgendaItem.MaxTitleLength)]
    public string Title { get; init; } = "";

    [StringLength(8)]
    public string? RapporteurMember { get; init; }

    [StringLength(AgendaItem.MaxRapporteurLength)]
    public string? RapporteurName { get; init; }

    public DateTimeOffset? StartsAt { get; init; }

    public DateTimeOffset? EndsAt { get; init; }

    public AgendaLinkInput? Decides { get; init; }
}

/// <summary>A typed reference to what an item decides: kind (proposal, requirement, pledge, other) and the record's id.</summary>
public sealed record AgendaLinkInput
{
    public AgendaLinkKind? Kind { get; init; }

    [StringLength(AgendaItem.MaxLinkIdLength)]
    public string? Id { get; init; }
}

/// <summary>The new order of the agenda: every item id, once.</summary>
public sealed record AgendaOrderInput
{
    public IReadOnlyList<Guid>? ItemIds { get; init; }
}

/// <summary>Agenda items of a meeting: add, change, remove, reorder. The Secretariat keeps the agenda.</summary>
public static class EditAgenda
{
    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapPost("/meetings/{id:guid}/agenda", AddAsync)
            .RequireAuthorization(SummitsPolicies.ManageMeetings)
            .Idempotent()
            .WithName("AddAgendaItem")
            .WithSummary("Add an agenda item")
            .WithDescription("Adds an item at the end of the agenda: title, rapporteur (an invited member and/or a person), a time slot within the meeting and, optionally, what it decides as a typed reference {kind, id}.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPut("/meetings/{id:guid}/agenda/{itemId:guid}", ChangeAsync)
            .RequireAuthorization(SummitsPolicies.ManageMeetings)
            .WithName("ChangeAgendaItem")
            .WithSummary("Change an agenda item")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapDelete("/meetings/{id:guid}/agenda/{itemId:guid}", RemoveAsync)
            .RequireAuthorization(SummitsPolicies.ManageMeetings)
            .WithName("RemoveAgendaItem")
            .WithSummary("Remove an agenda item")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/meetings/{id:guid}/agenda/order", ReorderAsync)
            .RequireAuthorization(SummitsPolicies.ManageMeetings)
            .Idempotent()
            .WithName("ReorderAgenda")
            .WithSummary("Reorder the agenda")
            .WithDescription("Puts the agenda in the order of `itemIds`, which must name every item once.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static async Task<Results<Created<AgendaItemView>, ProblemHttpResult>> AddAsync(
        Guid id, AgendaItemInput request, EntenteDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var details = Details(request);
        if (!details.IsSuccess)
        {
            return details.Error!.ToProblem();
        }

        var meeting = await MeetingAccess.LoadAsync(db, id, cancellationToken);
        if (meeting is null)
        {
            return MeetingAccess.MeetingNotFound.ToProblem();
        }

        var added = meeting.AddAgendaItem(details.Value!, db.Caller.ActorName, time.UtcNow());
        if (!added.IsSuccess)
        {
            return added.Error!.ToProblem();
        }

        var saved = await MeetingAccess.SaveAsync(db, id, cancellationToken);
        return saved.IsSuccess
            ? TypedResults.Created($"/api/v1/meetings/{id}/agenda/{added.Value!.Id}", MeetingAccess.Item(added.Value))
            : saved.Error!.ToProblem();
    }

    public static async Task<Results<Ok<AgendaItemView>, ProblemHttpResult>> ChangeAsync(
        Guid id, Guid itemId, AgendaItemInput request, EntenteDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var details = Details(request);
        if (!details.IsSuccess)
        {
            return details.Error!.ToProblem();
        }

        var meeting = await MeetingAccess.LoadAsync(db, id, cancellationToken);
        if (meeting is null)
        {
            return MeetingAccess.MeetingNotFound.ToProblem();
        }

        var changed = meeting.ChangeAgendaItem(itemId, details.Value!, db.Caller.ActorName, time.UtcNow());
        if (!changed.IsSuccess)
        {
            return changed.Error!.ToProblem();
        }

        var saved = await MeetingAccess.SaveAsync(db, id, cancellationToken);
        return saved.IsSuccess ? TypedResults.Ok(MeetingAccess.Item(meeting.Agenda.First(i => i.Id == itemId))) : saved.Error!.ToProblem();
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(
        Guid id, Guid itemId, EntenteDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var meeting = await MeetingAccess.LoadAsync(db, id, cancellationToken);
        if (meeting is null)
        {
            return MeetingAccess.MeetingNotFound.ToProblem();
        }

        var removed = meeting.RemoveAgendaItem(itemId, db.Caller.ActorName, time.UtcNow());
        if (!removed.IsSuccess)
        {
            return removed.Error!.ToProblem();
        }

        var saved = await MeetingAccess.SaveAsync(db, id, cancellationToken);
        return saved.IsSuccess ? TypedResults.NoContent() : saved.Error!.ToProblem();
    }

    public static async Task<Results<Ok<IReadOnlyList<AgendaItemView>>, ProblemHttpResult>> ReorderAsync(
        Guid id, AgendaOrderInput request, EntenteDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(db);
        var meeting = await MeetingAccess.LoadAsync(db, id, cancellationToken);
        if (meeting is null)
        {
            return MeetingAccess.MeetingNotFound.ToProblem();
        }

        var reordered = meeting.Reorder(request.ItemIds ?? [], db.Caller.ActorName, time.UtcNow());
        if (!reordered.IsSuccess)
        {
            return reordered.Error!.ToProblem();
        }

        var saved = await MeetingAccess.SaveAsync(db, id, cancellationToken);
        return saved.IsSuccess
            ? TypedResults.Ok<IReadOnlyList<AgendaItemView>>(meeting.Agenda.OrderBy(i => i.Position).Select(MeetingAccess.Item).ToList())
            : saved.Error!.ToProblem();
    }

    public static Result<AgendaItemDetails> Details(AgendaItemInput request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var title = PlainText.Check("title", request.Title, AgendaItem.MaxTitleLength, required: true);
        if (!title.IsSuccess)
        {
            return title.Error!;
        }

        var name = PlainText.Check("rapporteurName", request.RapporteurName, AgendaItem.MaxRapporteurLength);
        if (!name.IsSuccess)
        {
            return name.Error!;
        }

        if (request.StartsAt is not { } starts || request.EndsAt is not { } ends)
        {
            return DomainError.Invalid(request.StartsAt is null ? "startsAt" : "endsAt", "Give the item's time slot as two instants with their offsets.");
        }

        AgendaLink? link = null;
        if (request.Decides is { } decides)
        {
            if (decides.Kind is not { } kind || string.IsNullOrWhiteSpace(decides.Id))
            {
                return DomainError.Invalid("decides", "A link to what the item decides needs a kind (proposal, requirement, pledge, other) and an id.");
            }

            var linkId = PlainText.Check("decides.id", decides.Id, AgendaItem.MaxLinkIdLength, required: true);
            if (!linkId.IsSuccess)
            {
                return linkId.Error!;
            }

            link = new AgendaLink(kind, linkId.Value!);
        }

        var member = string.IsNullOrWhiteSpace(request.RapporteurMember) ? null : request.RapporteurMember.Trim().ToUpperInvariant();
        if (member is null && name.Value is null)
        {
            return DomainError.Invalid("rapporteurMember", "Name the rapporteur: a member, a person, or both.");
        }

        return new AgendaItemDetails(title.Value!, member, name.Value, starts.UtcDateTime, ends.UtcDateTime, link);
    }
}
