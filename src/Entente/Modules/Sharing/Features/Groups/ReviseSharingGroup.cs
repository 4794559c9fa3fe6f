using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Entente.Modules.Sharing.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Sharing.Features.Groups;

public sealed record ReviseSharingGroupRequest
{
    [Required]
    [StringLength(SharingGroup.MaxNameLength)]
    public string Name { get; init; } = "";

    [StringLength(SharingGroup.MaxDescriptionLength)]
    public string? Description { get; init; }

    /// <summary>Hide the member list from members that neither own nor extend the group.</summary>
    public bool HideMembers { get; init; }
}

/// <summary><c>PUT /sharing-groups/{id}</c>: the owner renames, describes, hides or shows the member list.</summary>
public static class ReviseSharingGroup
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPut("/sharing-groups/{id:guid}", HandleAsync)
            .RequireAuthorization()
            .WithName("ReviseSharingGroup")
            .WithSummary("Rename a sharing group, or hide or show its members")
            .WithDescription("The group's owner only. " + ListSharingGroups.Description)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<SharingGroupView>, ProblemHttpResult>> HandleAsync(
        Guid id, ReviseSharingGroupRequest request, ClaimsPrincipal user, EntenteDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(db);
        var found = await SharingGroupAccess.ForChangeAsync(db, user, id, "revise", cancellationToken);
        if (found.Error is not null)
        {
            return found.Error.ToProblem();
        }

        var (sharingGroup, actor) = found.Value;
        var revised = sharingGroup.Revise(actor, request.Name, request.Description, request.HideMembers);
        if (revised.Error is not null)
        {
            return revised.Error.Kind == ErrorKind.Forbidden
                ? (await SharingAudit.RefusedAsync(db, SharingGroupAccess.EntityType, id, revised.Error, "revise", null, cancellationToken)).ToProblem()
                : revised.Error.ToProblem();
        }

        if (await db.SharingGroups.AnyAsync(g => g.Id != id && g.Name == sharingGroup.Name, cancellationToken))
        {
            return SharingErrors.GroupNameTaken.ToProblem();
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(SharingGroupAccess.View(sharingGroup, actor, SharingGroupAccess.IsAdministrator(user)));
    }
}
