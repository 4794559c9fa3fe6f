using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Problems;
using Entente.Infrastructure.Text;
using Entente.Modules.Registry.Features;
using Entente.Modules.Summits.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Summits.Features;

/// <summary>A delegation's attendance as registered: the member (a delegate's own when absent), the mode and who leads it.</summary>
public sealed record AttendanceInput
{
    [StringLength(8)]
    public string? Member { get; init; }

    public AttendanceMode? Mode { get; init; }

    [StringLength(MeetingAttendance.MaxLeadLength)]
    public string? LeadName { get; init; }
}

/// <summary><c>POST /meetings/{id}/attendance</c>: registers (or changes) how a delegation attends.</summary>
public static class RegisterAttendance
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/meetings/{id:guid}/attendance", HandleAsync)
            .RequireAuthorization(SummitsPolicies.RegisterAttendance)
            .Idempotent()
            .WithName("RegisterAttendance")
            .WithSummary("Register a delegation's attendance")
            .WithDescription("Registers how an invited member's delegation attends (inPerson or remote) and who leads it; registering again replaces it. Delegates register their own member only; the Secretariat registers any invited member. A member that is not invited, or not a member, is refused.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<Ok<AttendanceView>, ProblemHttpResult>> HandleAsync(
        Guid id, AttendanceInput request, ClaimsPrincipal user, EntenteDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var result = await ExecuteAsync(id, request, user, db, time, cancellationToken);
        return result.IsSuccess
            ? TypedResults.Ok(new AttendanceView(result.Value!.MemberCode, result.Value.Mode, result.Value.LeadName, result.Value.RegisteredBy, result.Value.RegisteredAt))
            : result.Error!.ToProblem();
    }

    public static async Task<Result<MeetingAttendance>> ExecuteAsync(
        Guid id, AttendanceInput request, ClaimsPrincipal user, EntenteDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(db);
        var meeting = await MeetingAccess.LoadAsync(db, id, cancellationToken);
        if (meeting is null)
        {
            return MeetingAccess.MeetingNotFound;
        }

        var member = string.IsNullOrWhiteSpace(request.Member) ? db.Caller.Member : request.Member.Trim().ToUpperInvariant();
        if (member is null)
        {
            return DomainError.Invalid("member", "Name the member whose attendance you register.");
        }

        if (!MeetingAccess.Manages(user) && member != db.Caller.Member)
        {
            return new DomainError("summits.attendance-other-member",
                "A delegate registers its own member's attendance only.", ErrorKind.Forbidden, "member");
        }

        if (request.Mode is not { } mode)
        {
            return DomainError.Invalid("mode", "Give the mode of attendance: inPerson or remote.");
        }

        var lead = PlainText.Check("leadName", request.LeadName, MeetingAttendance.MaxLeadLength);
        if (!lead.IsSuccess)
        {
            return lead.Error!;
        }

        if ((await MeetingAccess.KnownMembersAsync(db, [member], cancellationToken)).Count == 0)
        {
            return new DomainError("summits.attendance-not-member",
                $"'{PlainText.Shorten(member, 10)}' is not a member of the coalition; only members attend.", ErrorKind.RuleViolation, "member");
        }

        var registered = meeting.RegisterAttendance(member, mode, lead.Value, db.Caller.ActorName, time.UtcNow());
        if (!registered.IsSuccess)
        {
            return registered.Error!;
        }

        var saved = await MeetingAccess.SaveAsync(db, id, cancellationToken);
        return saved.IsSuccess ? registered.Value! : saved.Error!;
    }
}
