using System.Text;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Modules.Registry.Features;
using Entente.Modules.Summits.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Summits.Features;

/// <summary><c>GET /meetings/{id}/ical</c>: one meeting as an iCalendar file (RFC 5545), in its venue's time zone.</summary>
public static class ExportMeetingCalendar
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/meetings/{id:guid}/ical", HandleAsync)
            .WithLabelledExport()
            .WithName("ExportMeetingCalendar")
            .WithSummary("Export a meeting as iCalendar")
            .WithDescription("The meeting as a `text/calendar` file with a VTIMEZONE for the venue's zone; import it into any calendar. 404 when the meeting is not released to you.")
            .Produces<string>(StatusCodes.Status200OK, "text/calendar")
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> HandleAsync(
        Guid id, HttpRequest request, EntenteDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(db);
        var meeting = await db.Meetings.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (meeting is null)
        {
            return MeetingAccess.MeetingNotFound.ToProblem();
        }

        LabelledExport.Declare(request.HttpContext, meeting.Label);
        var text = MeetingCalendar.Write([meeting], time.UtcNow(), BaseUri(request));
        return TypedResults.File(Encoding.UTF8.GetBytes(text), MeetingCalendar.ContentType, $"meeting-{meeting.StartsAt:yyyy-MM-dd}.ics");
    }

    public static Uri BaseUri(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/");
    }
}
