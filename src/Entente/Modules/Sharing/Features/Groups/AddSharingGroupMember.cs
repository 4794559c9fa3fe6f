using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Entente.Modules.Sharing.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Sharing.Features.Groups;

public sealed record AddSharingGroupMemberRequest
{
    [Required]
    [StringLength(8)]
    public string MemberCode { get; init; } = "";

    /// <summary>Whether the member may add members in turn; only the owner grants it (and changes it for a member already in).</summary>
    public bool CanExtend { get; init; }
}

/// <summary><c>POST /sharing-groups/{id}/members</c>: the owner or an extender adds a member; the owner grants the right to extend.</summary>
public static class AddSharingGroupMember
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/sharing-groups/{id:guid}/members", HandleAsync)
            .RequireAuthorization()
            .WithName("AddSharingGroupMember")
            .WithSummary("Add a member to a sharing group")
            .WithDescription("The owner and members allowed to extend the group add members; only the owner allows a member to extend (posting a member already in changes that right, owner only). The new member reads the group's records from its next request.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    public static async Task<Results<Ok<SharingGroupView>, ProblemHttpResult>> HandleAsync(
        Guid id, AddSharingGroupMemberRequest request, ClaimsPrincipal user, EntenteDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(db);
        var found = await SharingGroupAccess.ForChangeAsync(db, user, id, "add-member", cancellationToken);
        if (found.Error is not null)
        {
            return found.Error.ToProblem();
        }

        var (sharingGroup, actor) = found.Value;
        if (!await SharingGroupAccess.IsKnownMemberAsync(db, request.MemberCode, cancellationToken))
        {
            return SharingErrors.UnknownMember("memberCode").ToProblem();
        }

        var added = sharingGroup.AddMember(actor, request.MemberCode, request.CanExtend, time.GetUtcNow().UtcDateTime);
        if (added.Error is not null)
        {
            return added.Error.Kind == ErrorKind.Forbidden
                ? (await SharingAudit.RefusedAsync(db, SharingGroupAccess.EntityType, id, added.Error, "add-member", null, cancellationToken)).ToProblem()
                : added.Error.ToProblem();
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(SharingGroupAccess.View(sharingGroup, actor, SharingGroupAccess.IsAdministrator(user)));
    }
}
