using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Entente.Modules.Audit.Domain;
using Entente.Modules.Forces.Domain;
using Entente.Modules.Forces.Domain.Generation;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Registry.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Forces.Features.Generation;

/// <summary>
/// A force-generation request: one scenario or several, a time limit for the whole request (1 to 60 seconds, default 10,
/// shared evenly between the scenarios), and optionally the requirement lines to fill (default: every active line).
/// </summary>
public sealed record RunForceGenerationRequest
{
    public Guid? ScenarioId { get; init; }

    public IReadOnlyList<Guid>? ScenarioIds { get; init; }

    public int? TimeLimitSeconds { get; init; }

    public IReadOnlyList<Guid>? LineIds { get; init; }

    public IReadOnlyList<Guid> AllScenarioIds() =>
        (ScenarioId is { } one ? [one] : Array.Empty<Guid>()).Concat(ScenarioIds ?? []).Distinct().ToList();
}

/// <summary>
/// <c>POST /force-generation/runs</c>: fills the statement of requirements with the offers the caller may see, under each
/// scenario, with the CP-SAT solver and the greedy baseline, and stores one run per scenario. Synchronous, bounded by the
/// time limit; a request cancelled mid-way stores nothing. A solver stopped by the limit still returns its best
/// assignment, marked "best found so far, not proven optimal".
/// </summary>
public static class RunForceGeneration
{
    public const int MinTimeLimitSeconds = 1;
    public const int MaxTimeLimitSeconds = 60;
    public const int DefaultTimeLimitSeconds = 10;
    public const int MaxScenarios = 4;

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/force-generation/runs", HandleAsync)
            .RequireAuthorization(GenerationAccess.RunPolicy)
            .WithName("RunForceGeneration")
            .WithSummary("Run force generation under one or more scenarios")
            .WithDescription("Assigns the standing offers you may see to the active requirement lines you may see (or the lineIds given), under each scenario (scenarioId or scenarioIds, at most 4), with OR-Tools CP-SAT and a greedy baseline; stores and returns one run per scenario with status, objective, proven bound, the baseline's objective and ratio, assignments, coverage per line and the gap list with reasons. timeLimitSeconds (1 to 60, default 10) bounds the whole request and is shared between the scenarios; a run stopped by it says \"best found so far, not proven optimal\". A run is labelled with the most restrictive classification of its inputs and released only to the members that may read all of them. The Secretariat and administrators only.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<Created<RunBatch>, ProblemHttpResult>> HandleAsync(
        RunForceGenerationRequest request, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var result = await ExecuteAsync(request, db, time, cancellationToken);
        if (!result.IsSuccess)
        {
            return result.Error!.ToProblem();
        }

        var runs = result.Value!;
        var batch = new RunBatch(runs[0].BatchId, runs.Select(r => RunViews.Detail(r, catalog.Current)).ToList(),
            runs.Count > 1 ? "/api/v1/force-generation/compare?runs=" + string.Join(',', runs.Select(r => r.Id)) : null);
        return TypedResults.Created($"/api/v1/force-generation/runs/{runs[0].Id}", batch);
    }

    /// <summary>Checks the request, runs the solver and the baseline per scenario, stores the runs; nothing is stored on failure.</summary>
    /// <summary>
    /// One solve at a time per host: CP-SAT uses every core for up to <see cref="MaxTimeLimitSeconds"/>, and two at once
    /// would halve each other's search and slow every other request. A second run waits for the first (a queue of one,
    /// bounded by <see cref="GateWait"/>) rather than competing with it.
    /// </summary>
    private static readonly SemaphoreSlim SolverGate = new(1, 1);

    /// <summary>How long a run waits for another to finish: the longest run, and a margin for storing it.</summary>
    public static readonly TimeSpan GateWait = TimeSpan.FromSeconds(MaxTimeLimitSeconds + 15);

    public static async Task<Result<IReadOnlyList<ForceRun>>> ExecuteAsync(
        RunForceGenerationRequest request, EntenteDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var limit = request.TimeLimitSeconds ?? DefaultTimeLimitSeconds;
        if (limit is < MinTimeLimitSeconds or > MaxTimeLimitSeconds)
        {
            return new DomainError("forces.time-limit-out-of-range",
                $"The time limit is {MinTimeLimitSeconds} to {MaxTimeLimitSeconds} seconds; {limit} is outside it.", ErrorKind.Validation, "timeLimitSeconds");
        }

        var scenarioIds = request.AllScenarioIds();
        if (scenarioIds.Count == 0)
        {
            return DomainError.Invalid("scenarioId", "Name the scenario to run under (scenarioId), or several (scenarioIds).");
        }

        if (scenarioIds.Count > MaxScenarios)
        {
            return DomainError.Invalid("scenarioIds", $"Run at most {MaxScenarios} scenarios at once.");
        }

        var scenarios = await db.ForceScenarios.AsNoTracking().Where(s => scenarioIds.Contains(s.Id)).ToListAsync(cancellationToken);
        var unknown = scenarioIds.FirstOrDefault(id => scenarios.All(s => s.Id != id));
        if (unknown != Guid.Empty)
        {
            return new DomainError("forces.unknown-scenario",
                $"No scenario that you may see has the id {unknown}. List the scenarios at /api/v1/force-generation/scenarios.", ErrorKind.Validation,
                request.ScenarioId == unknown ? "scenarioId" : "scenarioIds");
        }

        var inputs = await GenerationAdapter.LoadAsync(db, request.LineIds, cancellationToken);
        if (!inputs.IsSuccess)
        {
            return inputs.Error!;
        }

        var loaded = inputs.Value!;
        if (!await SolverGate.WaitAsync(GateWait, cancellationToken))
        {
            return new DomainError("forces.solver-busy",
                $"Another force-generation run has held the solver on this server for over {GateWait.TotalSeconds:0} seconds; try again shortly.", ErrorKind.Conflict);
        }

        try
        {
            return await SolveAndStoreAsync(db, time, limit, scenarioIds, scenarios, loaded, cancellationToken);
        }
        finally
        {
            SolverGate.Release();
        }
    }

    private static async Task<List<ForceRun>> SolveAndStoreAsync(
        EntenteDbContext db, TimeProvider time, int limit, IReadOnlyList<Guid> scenarioIds,
        List<ForceScenario> scenarios, GenerationInputs loaded, CancellationToken cancellationToken)
    {
        var share = TimeSpan.FromSeconds((double)limit / scenarioIds.Count);
        var batchId = Guid.CreateVersion7(time.UtcNow());
        var runs = new List<ForceRun>();
        foreach (var scenario in scenarioIds.Select(id => scenarios.First(s => s.Id == id)))
        {
            var problem = new GenerationProblem(loaded.Lines, loaded.Offers, scenario.ToGeneration());
            // CPU-bound: off the request thread; the solver stops at its limit or on cancellation with its best so far.
            var solved = await Task.Run(() => ForceGenerator.Generate(problem, share, cancellationToken: cancellationToken), CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            var greedy = GreedyForceGenerator.Generate(problem);
            var label = AuditLabels.Join(scenario.Label, loaded.Label);
            runs.Add(ForceRun.Record(batchId, scenario, loaded.Lines, loaded.Inputs, solved, greedy, limit, label, db.Caller.ActorName, time.UtcNow()));
        }

        db.ForceRuns.AddRange(runs);
        await db.SaveChangesAsync(cancellationToken);
        return runs;
    }
}
