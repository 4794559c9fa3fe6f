using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Entente.Modules.Identity;
using Entente.Modules.Registry.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Registry.Features;

/// <summary>
/// <c>DELETE /members/{code}/statuses/latest</c>: withdraws the latest status period, to correct a mistake; the
/// period before it is open-ended again. The audit chain keeps what was removed.
/// </summary>
public static class RemoveLatestMemberStatus
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapDelete("/members/{code}/statuses/latest", HandleAsync)
            .RequireAuthorization(Policies.ManageRegistry)
            .WithName("RemoveLatestMemberStatus")
            .WithSummary("Remove a member's latest status")
            .WithDescription("Corrects a mistake: removes the latest status period and reopens the one before it.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        string code, EntenteDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var result = await ExecuteAsync(code, db, time, cancellationToken);
        return result.IsSuccess ? TypedResults.NoContent() : result.Error!.ToProblem();
    }

    public static async Task<Result<MemberStatusPeriod>> ExecuteAsync(string code, EntenteDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var member = await RegistryAccess.FindMemberAsync(db, code, track: true, cancellationToken);
        if (member is null)
        {
            return RegistryAccess.MemberNotFound;
        }

        var removed = member.RemoveLatestStatus(time.UtcNow());
        if (!removed.IsSuccess)
        {
            return removed.Error!;
        }

        await db.SaveChangesAsync(cancellationToken);
        return removed;
    }
}
