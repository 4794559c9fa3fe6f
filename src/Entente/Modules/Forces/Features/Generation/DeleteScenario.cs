using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Forces.Features.Generation;

/// <summary><c>DELETE /force-generation/scenarios/{id}</c>: removes a scenario; runs made under it keep its name and conditions.</summary>
public static class DeleteScenario
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapDelete("/force-generation/scenarios/{id:guid}", HandleAsync)
            .RequireAuthorization(GenerationAccess.RunPolicy)
            .WithName("DeleteForceScenario")
            .WithSummary("Delete a force-generation scenario")
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(Guid id, EntenteDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var scenario = await db.ForceScenarios.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (scenario is null)
        {
            return GenerationAccess.ScenarioNotFound.ToProblem();
        }

        db.ForceScenarios.Remove(scenario);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
