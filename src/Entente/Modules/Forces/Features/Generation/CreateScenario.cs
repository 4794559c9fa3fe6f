using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Entente.Modules.Registry.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Forces.Features.Generation;

/// <summary><c>POST /force-generation/scenarios</c>: records a what-if scenario.</summary>
public static class CreateScenario
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/force-generation/scenarios", HandleAsync)
            .RequireAuthorization(GenerationAccess.RunPolicy)
            .WithName("CreateForceScenario")
            .WithSummary("Record a force-generation scenario")
            .WithDescription("Name, description, and which conditions hold: ceasefire in force, US backstop, UN mandate, other mandates (all, none or listed), parliaments that approved (all, none or listed member codes; unknown codes are refused). The Secretariat and administrators only.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);

    public static async Task<Results<Created<ScenarioView>, ProblemHttpResult>> HandleAsync(
        ScenarioRequest request, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(catalog);
        var saved = await GenerationAccess.SaveAsync(request, null, db, catalog, time, cancellationToken);
        if (!saved.IsSuccess)
        {
            return saved.Error!.ToProblem();
        }

        await db.SaveChangesAsync(cancellationToken);
        var scenario = saved.Value!;
        return TypedResults.Created($"/api/v1/force-generation/scenarios/{scenario.Id}", GenerationAccess.View(scenario, catalog.Current));
    }
}
