using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Modules.Forces.Domain;
using Entente.Modules.Forces.Domain.Generation;
using Entente.Modules.Registry.Contracts;

namespace Entente.Modules.Forces.Features.Generation;

/// <summary>A run in a list: its scenario, status (with what it means), objective beside the greedy baseline's.</summary>
/// <remarks><c>StatusText</c> says "best found so far, not proven optimal" whenever the solver did not prove its assignment.</remarks>
public sealed record RunSummary(
    Guid Id,
    Guid BatchId,
    Guid ScenarioId,
    string ScenarioName,
    GenerationStatus Status,
    bool ProvenOptimal,
    string StatusText,
    bool TimeLimitReached,
    int TimeLimitSeconds,
    long Objective,
    long? BestBound,
    double? RelativeGap,
    long GreedyObjective,
    double GreedyRatio,
    int SolveMilliseconds,
    int LineCount,
    int OfferCount,
    int LinesFilled,
    int LinesAtMinimum,
    DateTime CreatedAt,
    string CreatedBy,
    LabelView Label);

public sealed record RunAssignmentView(Guid OfferId, string MemberCode, int Quantity, bool NationalApprovalPerUse);

public sealed record RunLineView(Guid LineId, string Code, Capability Capability, ForceComponent Component, Priority Priority, int Minimum, int Desired,
    int Assigned, bool MinimumMet, bool Filled, IReadOnlyList<RunAssignmentView> Assignments);

public sealed record CoverageShare(string Group, int Covered, int Desired);

public sealed record RunDetail(
    RunSummary Run,
    string Note,
    IReadOnlyList<RunCondition> Conditions,
    IReadOnlyList<string> ParticipatingMembers,
    IReadOnlyList<CoverageShare> CoverageByPriority,
    IReadOnlyList<CoverageShare> CoverageByComponent,
    IReadOnlyList<RunLineView> Lines,
    IReadOnlyList<RunInput> Inputs);

public sealed record RunList(int Total, IReadOnlyList<RunSummary> Items);

public sealed record RunBatch(Guid BatchId, IReadOnlyList<RunDetail> Runs, string? CompareUrl);

public sealed record GapOfferView(Guid OfferId, string MemberCode, BlockKind Kind, string Reason);

public sealed record GapView(Guid LineId, string Code, Capability Capability, Priority Priority, int MinimumShortfall, int DesiredShortfall,
    string Summary, IReadOnlyList<GapOfferView> Offers);

public sealed record RunGaps(Guid RunId, string ScenarioName, GenerationStatus Status, string StatusText, IReadOnlyList<GapView> Gaps);

public static class RunViews
{
    public static RunSummary Summary(ForceRun run, PolicySnapshot policy)
    {
        ArgumentNullException.ThrowIfNull(run);
        var coverage = run.Coverage;
        return new(run.Id, run.BatchId, run.ScenarioId, run.ScenarioName, run.Status, run.ProvenOptimal, ForceRun.StatusText(run.Status),
            run.TimeLimitReached, run.TimeLimitSeconds, run.Objective, run.BestBound, run.RelativeGap, run.GreedyObjective, run.GreedyRatio,
            run.SolveMilliseconds, run.LineCount, run.OfferCount, coverage.Count(c => c.Filled), coverage.Count(c => c.MinimumMet),
            run.CreatedAt, run.CreatedBy, LabelView.From(run.Label, policy));
    }

    public static RunDetail Detail(ForceRun run, PolicySnapshot policy)
    {
        ArgumentNullException.ThrowIfNull(run);
        var coverage = run.Coverage;
        var byLine = run.Assignments.ToLookup(a => a.LineId);
        return new(Summary(run, policy), run.Note, run.Conditions,
            run.ParticipatingMembers.Length == 0 ? [] : run.ParticipatingMembers.Split('|'),
            ForceRun.ByPriority(coverage).Select(p => new CoverageShare(p.Priority.ToString(), p.Covered, p.Desired)).ToList(),
            ForceRun.ByComponent(coverage).Select(p => new CoverageShare(p.Component.ToString(), p.Covered, p.Desired)).ToList(),
            coverage.Select(c => new RunLineView(c.LineId, c.Code, c.Capability, c.Component, c.Priority, c.Minimum, c.Desired, c.Assigned,
                c.MinimumMet, c.Filled, byLine[c.LineId].OrderBy(a => a.Sequence)
                    .Select(a => new RunAssignmentView(a.OfferId, a.MemberCode, a.Quantity, a.NationalApprovalPerUse)).ToList())).ToList(),
            run.Inputs);
    }

    public static RunGaps Gaps(ForceRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new(run.Id, run.ScenarioName, run.Status, ForceRun.StatusText(run.Status), run.Gaps.Select(g => new GapView(g.LineId, g.Code,
            g.Capability, g.Priority, g.MinimumShortfall, g.DesiredShortfall, GapSummary(g),
            g.Offers.Select(o => new GapOfferView(o.OfferId, o.MemberCode, o.Reason.Kind, $"{o.MemberCode}'s offer {o.Reason.Detail}")).ToList())).ToList());
    }

    /// <summary>"R-004 lacks 2 units (1 below its minimum)".</summary>
    public static string GapSummary(LineGap gap)
    {
        ArgumentNullException.ThrowIfNull(gap);
        var units = gap.DesiredShortfall == 1 ? "unit" : "units";
        return gap.MinimumShortfall > 0
            ? $"{gap.Code} lacks {gap.DesiredShortfall} {units} ({gap.MinimumShortfall} below its minimum)"
            : $"{gap.Code} lacks {gap.DesiredShortfall} {units} (its minimum is met)";
    }

    public static DomainError RunNotFound => GenerationAccess.RunNotFound;
}
