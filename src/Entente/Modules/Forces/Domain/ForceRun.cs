using System.Text.Json;
using System.Text.Json.Serialization;
using Entente.Infrastructure.Labels;
using Entente.Modules.Forces.Domain.Generation;

namespace Entente.Modules.Forces.Domain;

/// <summary>One input a run read: a requirement line or an offer, at the version it had.</summary>
public sealed record RunInput(Guid Id, string Kind, string Code, int Version);

/// <summary>How one line was covered by a run; the component and capability are kept so runs compare by them.</summary>
public sealed record RunLineCoverage(Guid LineId, string Code, Capability Capability, ForceComponent Component, Priority Priority, int Minimum, int Desired, int Assigned)
{
    public int Covered => Math.Min(Assigned, Desired);

    public bool MinimumMet => Assigned >= Minimum;

    public bool Filled => Assigned >= Desired;
}

/// <summary>A scenario condition as the run saw it: "US backstop" → "no".</summary>
public sealed record RunCondition(string Condition, string Holds);

/// <summary>
/// A stored force-generation run: the scenario it assumed (as it then stood), the inputs it read (ids and versions), the
/// solver's outcome beside the greedy baseline's, the assignments, the coverage of every line and the gap list with reasons.
/// </summary>
/// <remarks>
/// Invariants: a run never changes once stored; its <see cref="Label"/> is the join of the labels of every input
/// (scenario, lines, offers): the most restrictive classification and the intersection of their audiences, so nobody
/// sees a run who could not see all of what it was computed from. <see cref="Status"/> is
/// <see cref="GenerationStatus.Optimal"/> only when the solver proved it; otherwise the assignment is the best found within
/// the time limit and every view says so.
/// </remarks>
public sealed class ForceRun : ILabelled
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly List<ForceRunAssignment> _assignments = [];

    private ForceRun()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>Runs requested together (one per scenario) share a batch, so they can be compared at once.</summary>
    public Guid BatchId { get; private set; }

    public Guid ScenarioId { get; private set; }

    public string ScenarioName { get; private set; } = "";

    public int ScenarioVersion { get; private set; }

    public GenerationStatus Status { get; private set; }

    public bool TimeLimitReached { get; private set; }

    /// <summary>Seconds the solver was given.</summary>
    public int TimeLimitSeconds { get; private set; }

    /// <summary>Priority-weighted coverage of the solver's assignment.</summary>
    public long Objective { get; private set; }

    /// <summary>Upper bound proven by the solver; equals <see cref="Objective"/> when optimal.</summary>
    public long? BestBound { get; private set; }

    public double? RelativeGap { get; private set; }

    /// <summary>Objective of the greedy baseline on the same inputs.</summary>
    public long GreedyObjective { get; private set; }

    /// <summary>Greedy objective ÷ solver objective (1 when both are 0).</summary>
    public double GreedyRatio { get; private set; }

    public int SolveMilliseconds { get; private set; }

    public string Note { get; private set; } = "";

    public int LineCount { get; private set; }

    public int OfferCount { get; private set; }

    /// <summary>Members taking part in the solver's assignment, separated by a bar.</summary>
    public string ParticipatingMembers { get; private set; } = "";

    public string ConditionsJson { get; private set; } = "[]";

    public string InputsJson { get; private set; } = "[]";

    public string CoverageJson { get; private set; } = "[]";

    public string GapsJson { get; private set; } = "[]";

    public Label Label { get; private set; } = Label.Public;

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; private set; }

    public string CreatedBy { get; private set; } = "";

    public IReadOnlyList<ForceRunAssignment> Assignments => _assignments;

    public IReadOnlyList<RunCondition> Conditions => JsonSerializer.Deserialize<List<RunCondition>>(ConditionsJson, Json) ?? [];

    public IReadOnlyList<RunInput> Inputs => JsonSerializer.Deserialize<List<RunInput>>(InputsJson, Json) ?? [];

    public IReadOnlyList<RunLineCoverage> Coverage => JsonSerializer.Deserialize<List<RunLineCoverage>>(CoverageJson, Json) ?? [];

    public IReadOnlyList<LineGap> Gaps => JsonSerializer.Deserialize<List<LineGap>>(GapsJson, Json) ?? [];

    public bool ProvenOptimal => Status == GenerationStatus.Optimal;

    /// <summary>Stores the outcome of the solver and the baseline on the same inputs.</summary>
    public static ForceRun Record(
        Guid batchId,
        ForceScenario scenario,
        IReadOnlyList<GenerationLine> lines,
        IReadOnlyList<RunInput> inputs,
        GenerationResult solved,
        GenerationResult greedy,
        int timeLimitSeconds,
        Label label,
        string actor,
        DateTime now)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(solved);
        ArgumentNullException.ThrowIfNull(greedy);
        var capabilityOf = lines.ToDictionary(l => l.Id, l => l.Capability);
        var coverage = solved.Coverage.Select(c => new RunLineCoverage(c.LineId, c.Code, capabilityOf[c.LineId],
            ForcesVocabulary.ComponentOf(capabilityOf[c.LineId]), c.Priority, c.Minimum, c.Desired, c.Assigned)).ToList();
        var run = new ForceRun
        {
            Id = Guid.CreateVersion7(now),
            BatchId = batchId,
            ScenarioId = scenario.Id,
            ScenarioName = scenario.Name,
            ScenarioVersion = scenario.Version,
            Status = solved.Status,
            TimeLimitReached = solved.TimeLimitReached,
            TimeLimitSeconds = timeLimitSeconds,
            Objective = solved.Objective,
            BestBound = solved.BestBound,
            RelativeGap = solved.RelativeGap,
            GreedyObjective = greedy.Objective,
            GreedyRatio = solved.Objective == 0 ? 1 : (double)greedy.Objective / solved.Objective,
            SolveMilliseconds = (int)Math.Min(int.MaxValue, solved.SolveTime.TotalMilliseconds),
            Note = solved.Note,
            LineCount = lines.Count,
            OfferCount = inputs.Count(i => i.Kind == "offer"),
            ParticipatingMembers = string.Join('|', solved.ParticipatingMembers),
            ConditionsJson = JsonSerializer.Serialize(scenario.ConditionsInWords().Select(c => new RunCondition(c.Condition, c.Holds)), Json),
            InputsJson = JsonSerializer.Serialize(inputs, Json),
            CoverageJson = JsonSerializer.Serialize(coverage, Json),
            GapsJson = JsonSerializer.Serialize(solved.Gaps, Json),
            Label = label,
            CreatedAt = now,
            CreatedBy = actor,
        };
        var sequence = 0;
        foreach (var a in solved.Assignments.OrderBy(a => a.LineCode, StringComparer.Ordinal).ThenBy(a => a.MemberCode, StringComparer.Ordinal))
        {
            run._assignments.Add(new ForceRunAssignment(run.Id, ++sequence, a));
        }

        return run;
    }

    /// <summary>Coverage by priority: covered and desired units.</summary>
    public static IReadOnlyList<(Priority Priority, int Covered, int Desired)> ByPriority(IReadOnlyList<RunLineCoverage> coverage) =>
        coverage.GroupBy(c => c.Priority).OrderBy(g => g.Key).Select(g => (g.Key, g.Sum(c => c.Covered), g.Sum(c => c.Desired))).ToList();

    /// <summary>Coverage by component: covered and desired units.</summary>
    public static IReadOnlyList<(ForceComponent Component, int Covered, int Desired)> ByComponent(IReadOnlyList<RunLineCoverage> coverage) =>
        coverage.GroupBy(c => c.Component).OrderBy(g => g.Key).Select(g => (g.Key, g.Sum(c => c.Covered), g.Sum(c => c.Desired))).ToList();

    /// <summary>What the status means, in words people act on.</summary>
    public static string StatusText(GenerationStatus status) => status switch
    {
        GenerationStatus.Optimal => "Optimal: proven that no assignment covers the requirement better.",
        GenerationStatus.Feasible => "Best found so far, not proven optimal: the time limit stopped the solver first.",
        GenerationStatus.Heuristic => "A heuristic assignment, with no claim of optimality.",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}

/// <summary>Units of one offer placed on one line by a run.</summary>
public sealed class ForceRunAssignment
{
    private ForceRunAssignment()
    {
    }

    internal ForceRunAssignment(Guid runId, int sequence, Assignment assignment)
    {
        Id = Guid.CreateVersion7();
        RunId = runId;
        Sequence = sequence;
        OfferId = assignment.OfferId;
        MemberCode = assignment.MemberCode;
        LineId = assignment.LineId;
        LineCode = assignment.LineCode;
        Quantity = assignment.Quantity;
        NationalApprovalPerUse = assignment.NationalApprovalPerUse;
    }

    public Guid Id { get; private set; }

    public Guid RunId { get; private set; }

    public int Sequence { get; private set; }

    public Guid OfferId { get; private set; }

    public string MemberCode { get; private set; } = "";

    public Guid LineId { get; private set; }

    public string LineCode { get; private set; } = "";

    /// <summary>Whole units of the offer on the line.</summary>
    public int Quantity { get; private set; }

    /// <summary>The nation must approve each use of these units; reported, never blocking.</summary>
    public bool NationalApprovalPerUse { get; private set; }
}
