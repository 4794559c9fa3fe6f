using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Problems;
using Entente.Infrastructure.Security;
using Entente.Modules.Sharing.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Sharing.Features.Groups;

public sealed record CreateSharingGroupRequest
{
    [Required]
    [StringLength(SharingGroup.MaxNameLength)]
    public string Name { get; init; } = "";

    [StringLength(SharingGroup.MaxDescriptionLength)]
    public string? Description { get; init; }

    /// <summary>The owning member; the caller's own member when absent. Only the Secretariat and administrators name another.</summary>
    [StringLength(8)]
    public string? OwnerMember { get; init; }

    public bool HideMembers { get; init; }
}

/// <summary><c>POST /sharing-groups</c>: a delegate creates a group owned by its member; staff for any member.</summary>
public static class CreateSharingGroup
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/sharing-groups", HandleAsync)
            .RequireAuthorization()
            .Idempotent()
            .WithName("CreateSharingGroup")
            .WithSummary("Create a sharing group")
            .WithDescription("Creates a group owned by your member (the Secretariat and administrators may name any member as owner). The owner is the group's first member and may extend it. " + ListSharingGroups.Description)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);

    public static async Task<Results<Created<SharingGroupView>, ProblemHttpResult>> HandleAsync(
        CreateSharingGroupRequest request, ClaimsPrincipal user, EntenteDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(db);
        var owner = string.IsNullOrWhiteSpace(request.OwnerMember) ? db.Caller.Member : request.OwnerMember.Trim().ToUpperInvariant();
        if (owner is null || !SharingGroupAccess.MayManage(user) || !MemberAccess.MayActFor(user, db.Caller, owner))
        {
            return (await SharingAudit.RefusedAsync(db, SharingGroupAccess.EntityType, null,
                owner is null ? SharingErrors.GroupActorRequired : new DomainError("sharing.group-owner-not-yours",
                    "A delegate creates groups owned by its own member only.", ErrorKind.Forbidden, "ownerMember"),
                "create", null, cancellationToken)).ToProblem();
        }

        if (!await SharingGroupAccess.IsKnownMemberAsync(db, owner, cancellationToken))
        {
            return SharingErrors.UnknownMember("ownerMember").ToProblem();
        }

        var created = SharingGroup.Create(request.Name, request.Description, owner, request.HideMembers, time.GetUtcNow().UtcDateTime);
        if (created.Error is not null)
        {
            return created.Error.ToProblem();
        }

        var sharingGroup = created.Value!;
        if (await db.SharingGroups.AnyAsync(g => g.Name == sharingGroup.Name, cancellationToken))
        {
            return SharingErrors.GroupNameTaken.ToProblem();
        }

        db.SharingGroups.Add(sharingGroup);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/sharing-groups/{sharingGroup.Id}",
            SharingGroupAccess.View(sharingGroup, db.Caller.Member, SharingGroupAccess.IsAdministrator(user)));
    }
}
