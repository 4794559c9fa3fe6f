using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Entente.Modules.Registry.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Forces.Features.Generation;

/// <summary><c>PUT /force-generation/scenarios/{id}</c>: replaces what a scenario says. Runs already stored keep the scenario as they saw it.</summary>
public static class ReviseScenario
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPut("/force-generation/scenarios/{id:guid}", HandleAsync)
            .RequireAuthorization(GenerationAccess.RunPolicy)
            .WithName("ReviseForceScenario")
            .WithSummary("Revise a force-generation scenario")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    public static async Task<Results<Ok<ScenarioView>, ProblemHttpResult>> HandleAsync(
        Guid id, ScenarioRequest request, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(catalog);
        var scenario = await db.ForceScenarios.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (scenario is null)
        {
            return GenerationAccess.ScenarioNotFound.ToProblem();
        }

        var saved = await GenerationAccess.SaveAsync(request, scenario, db, catalog, time, cancellationToken);
        if (!saved.IsSuccess)
        {
            return saved.Error!.ToProblem();
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(GenerationAccess.View(scenario, catalog.Current));
    }
}
