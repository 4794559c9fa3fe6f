using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Infrastructure.Text;
using Entente.Modules.Audit.Domain;
using Entente.Modules.Registry.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Audit.Features;

/// <summary>
/// The filters of <c>GET /api/v1/audit</c> and of the <c>/audit</c> page, as the client sends them. Every filter is
/// optional; together they narrow the list (AND).
/// </summary>
public sealed record AuditEntryQuery
{
    /// <summary>User name of the actor (case-insensitive), such as <c>admin</c> or <c>cli:ops</c>, or the actor's user id.</summary>
    [FromQuery(Name = "actor")]
    public string? Actor { get; init; }

    /// <summary>Member code the actor acted for, such as <c>GBR</c>.</summary>
    [FromQuery(Name = "member")]
    public string? Member { get; init; }

    /// <summary>
    /// One action or several separated by commas: create, update, delete, read, sign-in, sign-in-failed, sign-out,
    /// locked-out, two-factor-enabled, two-factor-reset, token-rejected, access-denied, export, chain-verified.
    /// </summary>
    [FromQuery(Name = "action")]
    public string? Action { get; init; }

    /// <summary>Table of the record the entry concerns, such as <c>registry_members</c>.</summary>
    [FromQuery(Name = "entityType")]
    public string? EntityType { get; init; }

    /// <summary>Key of the record the entry concerns, such as <c>GBR</c> or a UUID.</summary>
    [FromQuery(Name = "entityId")]
    public string? EntityId { get; init; }

    /// <summary>Earliest instant, included: a UTC date (<c>2026-01-31</c>, from its start) or an ISO 8601 instant (<c>2026-01-31T08:00:00Z</c>).</summary>
    [FromQuery(Name = "from")]
    public string? From { get; init; }

    /// <summary>Latest instant, included: a UTC date (<c>2026-01-31</c>, to its end) or an ISO 8601 instant.</summary>
    [FromQuery(Name = "to")]
    public string? To { get; init; }

    /// <summary>Text the details contain; ASCII letters match in any case.</summary>
    [FromQuery(Name = "text")]
    public string? Text { get; init; }

    /// <summary>Only entries up to this sequence number (included), to read the chain back from a given entry.</summary>
    [FromQuery(Name = "toSequence")]
    public long? ToSequence { get; init; }
}

/// <summary>A parsed, valid <see cref="AuditEntryQuery"/>.</summary>
public sealed partial record AuditEntryFilter(
    string? Actor,
    Guid? ActorUserId,
    string? Member,
    IReadOnlyList<string> Actions,
    string? EntityType,
    string? EntityId,
    DateTime? From,
    DateTime? Until,
    string? Text,
    long? ToSequence)
{
    public const int MaxTextLength = 200;

    public static AuditEntryFilter None { get; } = new(null, null, null, [], null, null, null, null, null, null);

    public bool IsEmpty => Actor is null && ActorUserId is null && Member is null && Actions.Count == 0
        && EntityType is null && EntityId is null && From is null && Until is null && Text is null && ToSequence is null;

    /// <summary>Parses the query; every invalid field is reported, keyed by its query name.</summary>
    public static Result<AuditEntryFilter> Parse(AuditEntryQuery query, out Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(query);
        errors = [];
        string? actor = null;
        Guid? actorId = null;
        var actorText = Clean(query.Actor);
        if (actorText is not null)
        {
            if (Guid.TryParse(actorText, out var id))
            {
                actorId = id;
            }
            else if (actorText.Length > AuditEntry.MaxActorNameLength)
            {
                errors["actor"] = [$"An actor name has at most {AuditEntry.MaxActorNameLength} characters."];
            }
            else
            {
                actor = actorText;
            }
        }

        var member = Clean(query.Member)?.ToUpperInvariant();
        if (member is not null && !MemberCode().IsMatch(member))
        {
            errors["member"] = ["A member code has 2 to 8 letters or digits, such as GBR or NATO."];
        }

        var actions = new List<string>();
        foreach (var part in (query.Action ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var action = part.ToLowerInvariant();
            if (!ActionName().IsMatch(action))
            {
                errors["action"] = [$"'{Shorten(part)}' is not an action; actions are lower-case words joined by hyphens, such as sign-in-failed."];
                break;
            }

            if (!actions.Contains(action, StringComparer.Ordinal))
            {
                actions.Add(action);
            }
        }

        var entityType = Clean(query.EntityType)?.ToLowerInvariant();
        if (entityType is not null && !EntityTypeName().IsMatch(entityType))
        {
            errors["entityType"] = ["A record type is a table name such as registry_members."];
        }

        var entityId = Clean(query.EntityId);
        if (entityId?.Length > AuditEntry.MaxEntityIdLength)
        {
            errors["entityId"] = [$"A record key has at most {AuditEntry.MaxEntityIdLength} characters."];
        }

        DateTime? from = null;
        if (Clean(query.From) is { } fromText)
        {
            if (TryParseInstant(fromText, endOfDay: false, out var parsed))
            {
                from = parsed;
            }
            else
            {
                errors["from"] = [$"'{Shorten(fromText)}' is not a date (2026-01-31) or a UTC instant (2026-01-31T08:00:00Z)."];
            }
        }

        DateTime? until = null;
        if (Clean(query.To) is { } toText)
        {
            if (TryParseInstant(toText, endOfDay: true, out var parsed))
            {
                // The end of the calendar leaves the range open: every entry is before it.
                until = parsed == DateTime.MaxValue ? null : parsed;
            }
            else
            {
                errors["to"] = [$"'{Shorten(toText)}' is not a date (2026-01-31) or a UTC instant (2026-01-31T18:00:00Z)."];
            }
        }

        if (from is not null && until is not null && from >= until)
        {
            errors["from"] = ["The start must come before the end."];
        }

        var text = Clean(query.Text);
        if (text?.Length > MaxTextLength)
        {
            errors["text"] = [$"Search for at most {MaxTextLength} characters."];
        }

        if (query.ToSequence is < 1)
        {
            errors["toSequence"] = ["Sequence numbers start at 1."];
        }

        if (errors.Count > 0)
        {
            var first = errors.First();
            return DomainError.Invalid(first.Key, first.Value[0]);
        }

        return new AuditEntryFilter(actor, actorId, member, actions, entityType, entityId, from, until, text, query.ToSequence);
    }

    /// <summary>Narrows <paramref name="entries"/> (already label-filtered) and orders them newest first.</summary>
    public IQueryable<AuditEntry> Apply(IQueryable<AuditEntry> entries, bool isPostgres)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var q = entries;
        if (ActorUserId is { } actorId)
        {
            q = q.Where(e => e.ActorUserId == actorId);
        }

        if (Actor is not null)
        {
            var pattern = EscapeLike(Actor);
            q = isPostgres
                ? q.Where(e => EF.Functions.ILike(e.ActorName, pattern, LikeEscape))
                : q.Where(e => EF.Functions.Like(e.ActorName, pattern, LikeEscape));
        }

        if (Member is not null)
        {
            q = q.Where(e => e.ActorMember == Member);
        }

        if (Actions.Count == 1)
        {
            var action = Actions[0];
            q = q.Where(e => e.Action == action);
        }
        else if (Actions.Count > 1)
        {
            var actions = Actions.ToArray();
            q = q.Where(e => actions.Contains(e.Action));
        }

        if (EntityType is not null)
        {
            q = q.Where(e => e.EntityType == EntityType);
        }

        if (EntityId is not null)
        {
            q = q.Where(e => e.EntityId == EntityId);
        }

        if (From is { } from)
        {
            q = q.Where(e => e.OccurredAt >= from);
        }

        if (Until is { } until)
        {
            q = q.Where(e => e.OccurredAt < until);
        }

        if (ToSequence is { } toSequence)
        {
            q = q.Where(e => e.Sequence <= toSequence);
        }

        if (Text is not null)
        {
            var pattern = "%" + EscapeLike(Text) + "%";
            q = isPostgres
                ? q.Where(e => e.Details != null && EF.Functions.ILike(e.Details, pattern, LikeEscape))
                : q.Where(e => e.Details != null && EF.Functions.Like(e.Details, pattern, LikeEscape));
        }

        return q.OrderByDescending(e => e.Sequence);
    }

    /// <summary>
    /// Reads a UTC date (<c>2026-01-31</c>) or an ISO 8601 instant (<c>2026-01-31T08:00:00Z</c>; without an offset it
    /// is taken as UTC). For the end of a range (<paramref name="endOfDay"/>) the result is an exclusive bound: the
    /// day after a date, or a microsecond after an instant (entries are stored to the microsecond); at the very end of
    /// the calendar, where no later instant exists, it is <see cref="DateTime.MaxValue"/>, which bounds nothing.
    /// </summary>
    public static bool TryParseInstant(string text, bool endOfDay, out DateTime value)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = default;
        var t = text.Trim();
        if (DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            value = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            if (endOfDay)
            {
                value = date == DateOnly.MaxValue ? DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc) : value.AddDays(1);
            }

            return true;
        }

        if (!IsoInstant().IsMatch(t)
            || !DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            return false;
        }

        value = AuditHash.TruncateToMicroseconds(instant.UtcDateTime);
        if (endOfDay)
        {
            value = DateTime.MaxValue.Ticks - value.Ticks < 10
                ? DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc)
                : value.AddTicks(10);
        }

        return true;
    }

    private const string LikeEscape = LikePatterns.Escape;

    private static string EscapeLike(string text) => LikePatterns.Literal(text);

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Shorten(string text) => PlainText.Shorten(text, 40);

    [GeneratedRegex("^[A-Z][A-Z0-9]{1,7}$", RegexOptions.CultureInvariant)]
    private static partial Regex MemberCode();

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex ActionName();

    [GeneratedRegex("^[a-z][a-z0-9_]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex EntityTypeName();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", RegexOptions.CultureInvariant)]
    private static partial Regex IsoInstant();
}

/// <summary>One audit entry as the API returns it.</summary>
/// <param name="Sequence">Position in the chain, from 1.</param>
/// <param name="OccurredAt">UTC, to the microsecond.</param>
/// <param name="Actor">User name, <c>anonymous</c>, <c>cli:operator</c> or <c>system:job</c>.</param>
/// <param name="ActorUserId">The acting user's id, when a user acted.</param>
/// <param name="Member">Member code the actor acted for.</param>
/// <param name="Action">The verb, such as <c>update</c> or <c>sign-in-failed</c>.</param>
/// <param name="EntityType">Table of the record concerned.</param>
/// <param name="EntityId">Key of the record concerned.</param>
/// <param name="Details">What changed or happened, as JSON; secrets are redacted.</param>
/// <param name="Origin">Remote address, <c>cli</c> or <c>system</c>.</param>
/// <param name="TraceId">W3C trace id tying the entry to logs and traces.</param>
/// <param name="Hash">Hex SHA-256 of this entry.</param>
/// <param name="PreviousHash">Hex SHA-256 of the entry before it (64 zeros for the first).</param>
/// <param name="Label">The label of the record the entry concerns, under which the entry itself is read.</param>
public sealed record AuditEntryResponse(
    long Sequence,
    DateTime OccurredAt,
    string Actor,
    Guid? ActorUserId,
    string? Member,
    string Action,
    string? EntityType,
    string? EntityId,
    JsonElement? Details,
    string? Origin,
    string? TraceId,
    string Hash,
    string PreviousHash,
    LabelView Label)
{
    public static AuditEntryResponse From(AuditEntry entry, PolicySnapshot policy)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new AuditEntryResponse(
            entry.Sequence, entry.OccurredAt, entry.ActorName, entry.ActorUserId, entry.ActorMember, entry.Action,
            entry.EntityType, entry.EntityId, ParseDetails(entry.Details), entry.Origin, entry.TraceId, entry.Hash,
            entry.PreviousHash, LabelView.From(entry.Label, policy));
    }

    /// <summary>The details as JSON; text that is not JSON (older entries, hand-written events) as a JSON string.</summary>
    public static JsonElement? ParseDetails(string? details)
    {
        if (details is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(details);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(details);
        }
    }
}

/// <summary><c>GET /api/v1/audit</c>: the audit log, newest first, filtered and paged.</summary>
public static class ListAuditEntries
{
    public static RouteHandlerBuilder MapListAuditEntries(this IEndpointRouteBuilder audit) =>
        audit.MapGet("/", HandleAsync)
            .WithName("ListAuditEntries")
            .WithSummary("List audit entries")
            .WithDescription(
                "The audit log, newest first. Entries carry the label of the record they concern and are listed only " +
                "when that label releases them to the caller; totals count only those. Filters combine (AND).")
            .ProducesValidationProblem();

    public static async Task<Results<Ok<Paged<AuditEntryResponse>>, ProblemHttpResult>> HandleAsync(
        [AsParameters] AuditEntryQuery query,
        [AsParameters] PageRequest page,
        EntenteDbContext db,
        ISecurityPolicyCatalog policies,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(policies);
        var parsed = AuditEntryFilter.Parse(query, out var errors);
        if (!parsed.IsSuccess)
        {
            return ProblemResults.Validation(errors);
        }

        var policy = policies.Current;
        var result = await parsed.Value!.Apply(db.AuditEntries.AsNoTracking(), db.IsPostgres)
            .ToPagedAsync(page, e => AuditEntryResponse.From(e, policy), cancellationToken);
        return TypedResults.Ok(result);
    }
}
