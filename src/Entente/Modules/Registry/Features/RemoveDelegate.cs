using System.Security.Claims;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Entente.Modules.Registry.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Registry.Features;

/// <summary><c>DELETE /members/{code}/delegates/{id}</c>: removes a delegate; the audit chain keeps the record.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "A delegate here is a person who represents a member.")]
public static class RemoveDelegate
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapDelete("/members/{code}/delegates/{id:guid}", HandleAsync)
            .WithName("RemoveDelegate")
            .WithSummary("Remove a delegate")
            .WithDescription("Allowed to the Secretariat and to the member's own delegates.")
            .ProducesProblem(StatusCodes.Status403Forbidden);

    public static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        string code, Guid id, ClaimsPrincipal user, EntenteDbContext db, IAuthorizationService authorization, CancellationToken cancellationToken)
    {
        var result = await ExecuteAsync(code, id, user, db, authorization, cancellationToken);
        return result.IsSuccess ? TypedResults.NoContent() : result.Error!.ToProblem();
    }

    public static async Task<Result<Representative>> ExecuteAsync(
        string code, Guid id, ClaimsPrincipal user, EntenteDbContext db, IAuthorizationService authorization, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var found = await UpdateDelegate.FindAsync(db, code, id, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        var d = found.Value!;
        if (!await RegistryAccess.CanManageDelegatesAsync(user, db.Caller, d.MemberCode, authorization))
        {
            return RegistryAccess.DelegatesNotYours;
        }

        db.Delegates.Remove(d);
        await db.SaveChangesAsync(cancellationToken);
        return d;
    }
}
