using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Entente.Modules.Forces.Domain;
using Entente.Modules.Registry.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Forces.Features.Generation;

/// <summary>Coverage of one group (a priority or a component) in each compared run, in the order of the runs.</summary>
public sealed record CompareCoverage(string Group, IReadOnlyList<int> Covered, IReadOnlyList<int> Desired);

public sealed record CompareLine(Guid LineId, string Code, Priority Priority, IReadOnlyList<int> Assigned, IReadOnlyList<bool> Filled);

/// <summary>An offer used in some runs and not others; <c>WhyNot</c> holds, per run, the reason it stayed away (null where used).</summary>
public sealed record CompareOffer(Guid OfferId, string MemberCode, IReadOnlyList<int> Units, IReadOnlyList<string?> WhyNot);

public sealed record CompareCondition(string Condition, IReadOnlyList<string> Holds);

public sealed record RunComparison(
    IReadOnlyList<RunSummary> Runs,
    IReadOnlyList<CompareCondition> ConditionsThatDiffer,
    IReadOnlyList<CompareCoverage> ByPriority,
    IReadOnlyList<CompareCoverage> ByComponent,
    IReadOnlyList<CompareLine> LinesWhoseFilledStatusDiffers,
    IReadOnlyList<CompareOffer> OffersUsedInOnlySome);

/// <summary>
/// <c>GET /force-generation/compare?runs=a,b[,c]</c>: runs side by side: coverage by priority and by component, the lines
/// whose filled status differs, the offers used in one and not another (with the caveat or condition that kept them out),
/// and the scenario conditions that differ. Every run must be visible to the caller, or the comparison is 404.
/// </summary>
public static class CompareRuns
{
    public const int MaxRuns = 4;

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/force-generation/compare", HandleAsync)
            .RequireAuthorization()
            .WithName("CompareForceGenerationRuns")
            .WithSummary("Compare force-generation runs side by side")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<RunComparison>, ProblemHttpResult>> HandleAsync(
        string? runs, EntenteDbContext db, ISecurityPolicyCatalog catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var result = await ExecuteAsync(runs, db, catalog.Current, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value!) : result.Error!.ToProblem();
    }

    public static async Task<Result<RunComparison>> ExecuteAsync(string? runs, EntenteDbContext db, PolicySnapshot policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var parts = (runs ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var ids = new List<Guid>();
        foreach (var part in parts)
        {
            if (!Guid.TryParse(part, out var id))
            {
                return DomainError.Invalid("runs", $"'{Infrastructure.Text.PlainText.Shorten(part, 40)}' is not a run id.");
            }

            if (!ids.Contains(id))
            {
                ids.Add(id);
            }
        }

        if (ids.Count is < 2 or > MaxRuns)
        {
            return DomainError.Invalid("runs", $"Compare 2 to {MaxRuns} runs: runs=id1,id2[,id3].");
        }

        var found = await db.ForceRuns.AsNoTracking().Include(r => r.Assignments).AsSplitQuery()
            .Where(r => ids.Contains(r.Id)).ToListAsync(cancellationToken);
        if (found.Count != ids.Count)
        {
            return GenerationAccess.RunNotFound;
        }

        var ordered = ids.Select(id => found.First(r => r.Id == id)).ToList();
        return Compare(ordered, policy);
    }

    public static RunComparison Compare(IReadOnlyList<ForceRun> runs, PolicySnapshot policy)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var coverages = runs.Select(r => r.Coverage).ToList();
        var gaps = runs.Select(r => r.Gaps).ToList();

        var conditions = runs.Select(r => r.Conditions).ToList();
        var conditionNames = conditions.SelectMany(c => c.Select(x => x.Condition)).Distinct().ToList();
        var differing = conditionNames
            .Select(name => new CompareCondition(name, conditions.Select(c => c.FirstOrDefault(x => x.Condition == name)?.Holds ?? "?").ToList()))
            .Where(c => c.Holds.Distinct().Count() > 1).ToList();

        var byPriority = Enum.GetValues<Priority>()
            .Select(p => new CompareCoverage(p.ToString(), coverages.Select(c => c.Where(x => x.Priority == p).Sum(x => x.Covered)).ToList(),
                coverages.Select(c => c.Where(x => x.Priority == p).Sum(x => x.Desired)).ToList()))
            .Where(c => c.Desired.Any(d => d > 0)).ToList();
        var byComponent = Enum.GetValues<ForceComponent>()
            .Select(p => new CompareCoverage(p.ToString(), coverages.Select(c => c.Where(x => x.Component == p).Sum(x => x.Covered)).ToList(),
                coverages.Select(c => c.Where(x => x.Component == p).Sum(x => x.Desired)).ToList()))
            .Where(c => c.Desired.Any(d => d > 0)).ToList();

        var lineIds = coverages.SelectMany(c => c.Select(x => (x.LineId, x.Code, x.Priority))).Distinct().OrderBy(x => x.Code, StringComparer.Ordinal);
        var lines = lineIds.Select(l => new CompareLine(l.LineId, l.Code, l.Priority,
                coverages.Select(c => c.FirstOrDefault(x => x.LineId == l.LineId)?.Assigned ?? 0).ToList(),
                coverages.Select(c => c.FirstOrDefault(x => x.LineId == l.LineId)?.Filled ?? false).ToList()))
            .Where(l => l.Filled.Distinct().Count() > 1).ToList();

        var offers = runs.SelectMany(r => r.Assignments.Select(a => (a.OfferId, a.MemberCode))).Distinct()
            .Select(o =>
            {
                var units = runs.Select(r => r.Assignments.Where(a => a.OfferId == o.OfferId).Sum(a => a.Quantity)).ToList();
                var why = runs.Select((r, i) => units[i] > 0 ? null
                    : gaps[i].SelectMany(g => g.Offers).FirstOrDefault(u => u.OfferId == o.OfferId)?.Reason.Detail ?? "not used").ToList();
                return new CompareOffer(o.OfferId, o.MemberCode, units, why);
            })
            .Where(o => o.Units.Any(u => u == 0))
            .OrderBy(o => o.MemberCode, StringComparer.Ordinal).ToList();

        return new RunComparison(runs.Select(r => RunViews.Summary(r, policy)).ToList(), differing, byPriority, byComponent, lines, offers);
    }
}
