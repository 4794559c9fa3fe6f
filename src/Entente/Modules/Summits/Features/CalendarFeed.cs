using System.Security.Cryptography;
using System.Text;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Modules.Audit.Domain;
using Entente.Modules.Registry.Features;
using Entente.Modules.Summits.Contracts;
using Entente.Modules.Summits.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Summits.Features;

/// <summary>A new feed token: shown once; the address is what a calendar client subscribes to.</summary>
public sealed record CalendarFeedTokenView(string Token, string Url, DateTime CreatedAt);

/// <summary>
/// The subscribable calendar feed of a user: <c>POST /meetings/feed-token</c> creates (or replaces) the user's secret token,
/// <c>DELETE /meetings/feed-token</c> revokes it, and <c>GET /meetings/feed/{token}.ics</c> serves the meetings that user
/// may read — worked out again at every fetch, so a lowered clearance, a disabled account or a relabelled meeting
/// takes effect at the next refresh. A calendar client cannot sign in, so the token in the address is the credential.
/// </summary>
public static class CalendarFeed
{
    /// <summary>How far back the feed reaches, so a client keeps recent meetings without the whole history.</summary>
    public static readonly TimeSpan Lookback = TimeSpan.FromDays(180);
    public const int MaxMeetings = 500;

    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapPost("/meetings/feed-token", CreateAsync)
            .WithName("CreateCalendarFeedToken")
            .WithSummary("Create or replace your calendar feed token")
            .WithDescription("Creates a secret token for your personal iCalendar feed (replacing any earlier one, which stops working). The token is shown once.");
        group.MapDelete("/meetings/feed-token", RevokeAsync)
            .WithName("RevokeCalendarFeedToken")
            .WithSummary("Revoke your calendar feed token");
        group.MapGet("/meetings/feed/{token}.ics", FeedAsync)
            .AllowAnonymous()
            .WithLabelledExport()
            .WithName("GetCalendarFeed")
            .WithSummary("Your meetings as a subscribable iCalendar feed")
            .WithDescription("The meetings the token's user may read now, as `text/calendar`. 404 for an unknown or revoked token.")
            .Produces<string>(StatusCodes.Status200OK, "text/calendar")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static async Task<Results<Ok<CalendarFeedTokenView>, ProblemHttpResult>> CreateAsync(
        HttpRequest request, EntenteDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Caller.UserId is not { } userId)
        {
            return new DomainError("summits.feed-needs-user", "Only a user has a calendar feed.", ErrorKind.Forbidden).ToProblem();
        }

        var created = await CreateForAsync(db, userId, time.UtcNow(), cancellationToken);
        var url = new Uri(ExportMeetingCalendar.BaseUri(request), $"api/v1/meetings/feed/{created.Token}.ics").ToString();
        return TypedResults.Ok(new CalendarFeedTokenView(created.Token, url, created.At));
    }

    /// <summary>Creates or replaces the user's token and returns it; only its hash is stored.</summary>
    public static async Task<(string Token, DateTime At)> CreateForAsync(EntenteDbContext db, Guid userId, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var existing = await db.CalendarFeedTokens.FirstOrDefaultAsync(t => t.UserId == userId, cancellationToken);
        if (existing is not null)
        {
            db.CalendarFeedTokens.Remove(existing);
            await db.SaveChangesAsync(cancellationToken);
        }

        db.CalendarFeedTokens.Add(new CalendarFeedToken(userId, CalendarFeedToken.Hash(token), now));
        await db.SaveChangesAsync(cancellationToken);
        return (token, now);
    }

    public static async Task<NoContent> RevokeAsync(EntenteDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Caller.UserId is { } userId)
        {
            var existing = await db.CalendarFeedTokens.FirstOrDefaultAsync(t => t.UserId == userId, cancellationToken);
            if (existing is not null)
            {
                db.CalendarFeedTokens.Remove(existing);
                await db.SaveChangesAsync(cancellationToken);
            }
        }

        return TypedResults.NoContent();
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> FeedAsync(
        string token, HttpContext context, EntenteDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(db);
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return ProblemResults.NotFound("The calendar feed");
        }

        var hash = CalendarFeedToken.Hash(token);
        var owner = await db.CalendarFeedTokens.AsNoTracking().Where(t => t.TokenHash == hash).Select(t => (Guid?)t.UserId).FirstOrDefaultAsync(cancellationToken);
        if (owner is not { } userId)
        {
            return ProblemResults.NotFound("The calendar feed");
        }

        var scopes = await UserScopes.OfAsync(db, [userId], cancellationToken);
        if (!scopes.TryGetValue(userId, out var scope))
        {
            // A disabled or removed user's feed goes dark.
            return ProblemResults.NotFound("The calendar feed");
        }

        var userName = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.UserName).FirstAsync(cancellationToken);

        // From here the request reads as the feed's user: the label filter and the read audit apply to that user.
        db.Caller.SetUser(userId, userName ?? userId.ToString(), scope, context.Connection.RemoteIpAddress?.ToString(),
            System.Diagnostics.Activity.Current?.TraceId.ToString(), "calendar-feed");
        var now = time.UtcNow();
        var meetings = await Readable(db, now).ToListAsync(cancellationToken);
        var text = MeetingCalendar.Write(meetings, now, ExportMeetingCalendar.BaseUri(context.Request), "Entente meetings");
        LabelledExport.Declare(context, meetings.Select(m => m.Label).Aggregate(Label.Public, AuditLabels.Join));
        context.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.File(Encoding.UTF8.GetBytes(text), MeetingCalendar.ContentType, "entente-meetings.ics");
    }

    /// <summary>The meetings of the feed, through the label filter of the current caller.</summary>
    public static IQueryable<Meeting> Readable(EntenteDbContext db, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(db);
        var since = now - Lookback;
        return db.Meetings.AsNoTracking().Where(m => m.EndsAt >= since).OrderBy(m => m.StartsAt).Take(MaxMeetings);
    }
}
