using System.ComponentModel.DataAnnotations;
using Entente.Infrastructure;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Entente.Modules.Identity;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Registry.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Registry.Features;

/// <summary>A new status from a date on.</summary>
public sealed record RecordMemberStatusRequest
{
    [Required]
    public CoalitionStatus? Status { get; init; }

    /// <summary>First day of the new status (ISO 8601 date). Not before the coalition was founded, at most a year ahead.</summary>
    [Required]
    public DateOnly? From { get; init; }

    [StringLength(MemberStatusPeriod.MaxNoteLength)]
    public string? Note { get; init; }
}

/// <summary><c>POST /members/{code}/statuses</c>: records a change of a member's standing.</summary>
public static class RecordMemberStatus
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/members/{code}/statuses", HandleAsync)
            .RequireAuthorization(Policies.ManageRegistry)
            .WithName("RecordMemberStatus")
            .WithSummary("Record a member's status")
            .WithDescription(
                "Starts a new status on a date, closing the current period the day before. The date must follow the latest " +
                "period's start, not precede the coalition's founding and be at most a year ahead; the status must change.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<Created<MemberDetail>, ProblemHttpResult>> HandleAsync(
        string code, RecordMemberStatusRequest request, EntenteDbContext db, ISecurityPolicyCatalog catalog, PlatformOptions platform,
        TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var result = await ExecuteAsync(code, request, db, platform, time, cancellationToken);
        if (!result.IsSuccess)
        {
            return result.Error!.ToProblem();
        }

        var member = result.Value!;
        return TypedResults.Created($"/api/v1/members/{member.Code}", RegistryViews.Detail(member, catalog.Current, time.Today()));
    }

    public static async Task<Result<Member>> ExecuteAsync(
        string code, RecordMemberStatusRequest request, EntenteDbContext db, PlatformOptions platform, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(platform);
        if (request.Status is not { } status)
        {
            return DomainError.Invalid("status", "Choose a status.");
        }

        if (request.From is not { } from)
        {
            return DomainError.Invalid("from", "Give the first day of the new status.");
        }

        var member = await RegistryAccess.FindMemberAsync(db, code, track: true, cancellationToken);
        if (member is null)
        {
            return RegistryAccess.MemberNotFound;
        }

        var recorded = member.RecordStatus(status, from, request.Note, platform.CoalitionFounded, time.Today(), time.UtcNow());
        if (!recorded.IsSuccess)
        {
            return recorded.Error!;
        }

        await db.SaveChangesAsync(cancellationToken);
        return member;
    }
}
