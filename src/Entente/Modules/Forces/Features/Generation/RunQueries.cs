using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Entente.Modules.Forces.Domain;
using Entente.Modules.Registry.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Forces.Features.Generation;

/// <summary>Finding runs under the label filter: a run the caller may not read does not exist for it.</summary>
public static class RunAccess
{
    public static Task<ForceRun?> FindAsync(EntenteDbContext db, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.ForceRuns.AsNoTracking().Include(r => r.Assignments).AsSplitQuery().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
    }
}

/// <summary><c>GET /force-generation/runs</c>: the latest runs the caller may see, newest first.</summary>
public static class ListRuns
{
    public const int MaxLimit = 200;

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/force-generation/runs", HandleAsync)
            .RequireAuthorization()
            .WithName("ListForceGenerationRuns")
            .WithSummary("List force-generation runs")
            .WithDescription("The runs released to you (a run is released only to those who may read all of its inputs), newest first; limit 1 to 200, default 50. total counts every run you may see.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

    public static async Task<Results<Ok<RunList>, ProblemHttpResult>> HandleAsync(
        int? limit, EntenteDbContext db, ISecurityPolicyCatalog catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(catalog);
        var take = limit ?? 50;
        if (take is < 1 or > MaxLimit)
        {
            return DomainError.Invalid("limit", $"limit is 1 to {MaxLimit}.").ToProblem();
        }

        var total = await db.ForceRuns.CountAsync(cancellationToken);
        var runs = await db.ForceRuns.AsNoTracking().OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Take(take).ToListAsync(cancellationToken);
        return TypedResults.Ok(new RunList(total, runs.Select(r => RunViews.Summary(r, catalog.Current)).ToList()));
    }
}

/// <summary><c>GET /force-generation/runs/{id}</c>: a run with its coverage, assignments and inputs; 404 when the caller may not see it.</summary>
public static class GetRun
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/force-generation/runs/{id:guid}", HandleAsync)
            .RequireAuthorization()
            .WithName("GetForceGenerationRun")
            .WithSummary("Get a force-generation run")
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<RunDetail>, ProblemHttpResult>> HandleAsync(
        Guid id, EntenteDbContext db, ISecurityPolicyCatalog catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var run = await RunAccess.FindAsync(db, id, cancellationToken);
        return run is null ? GenerationAccess.RunNotFound.ToProblem() : TypedResults.Ok(RunViews.Detail(run, catalog.Current));
    }
}

/// <summary><c>GET /force-generation/runs/{id}/gaps</c>: what stays unfilled, and why each offer of the line's capability stays away.</summary>
public static class GetRunGaps
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/force-generation/runs/{id:guid}/gaps", HandleAsync)
            .RequireAuthorization()
            .WithName("GetForceGenerationGaps")
            .WithSummary("The gap list of a run")
            .WithDescription("Each line not filled to its desired quantity, its shortfall, and for every offer of its capability the caveat, condition or outcome that keeps it away, in words.")
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<RunGaps>, ProblemHttpResult>> HandleAsync(Guid id, EntenteDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var run = await db.ForceRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        return run is null ? GenerationAccess.RunNotFound.ToProblem() : TypedResults.Ok(RunViews.Gaps(run));
    }
}
