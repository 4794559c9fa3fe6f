using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Entente.Modules.Registry.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Forces.Features.Generation;

/// <summary><c>GET /force-generation/scenarios</c>: the scenarios the caller may see, by name.</summary>
public static class ListScenarios
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/force-generation/scenarios", HandleAsync)
            .RequireAuthorization()
            .WithName("ListForceScenarios")
            .WithSummary("List force-generation scenarios")
            .WithDescription("The what-if scenarios released to you: which conditions hold (ceasefire in force, US backstop, UN mandate, other mandates, parliaments that approved).");

    public static async Task<Ok<ScenarioList>> HandleAsync(EntenteDbContext db, ISecurityPolicyCatalog catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(catalog);
        var scenarios = await db.ForceScenarios.AsNoTracking().OrderBy(s => s.Name).ThenBy(s => s.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(new ScenarioList(scenarios.Count, scenarios.Select(s => GenerationAccess.View(s, catalog.Current)).ToList()));
    }
}

/// <summary><c>GET /force-generation/scenarios/{id}</c>: one scenario; 404 when the caller may not see it.</summary>
public static class GetScenario
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/force-generation/scenarios/{id:guid}", HandleAsync)
            .RequireAuthorization()
            .WithName("GetForceScenario")
            .WithSummary("Get a force-generation scenario")
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<ScenarioView>, ProblemHttpResult>> HandleAsync(
        Guid id, EntenteDbContext db, ISecurityPolicyCatalog catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(catalog);
        var scenario = await db.ForceScenarios.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        return scenario is null ? GenerationAccess.ScenarioNotFound.ToProblem() : TypedResults.Ok(GenerationAccess.View(scenario, catalog.Current));
    }
}
