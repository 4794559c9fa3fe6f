namespace Entente.Modules.Forces.Domain.Generation;

/// <summary>How far a run got.</summary>
public enum GenerationStatus
{
    /// <summary>The solver proved that no assignment has a higher objective.</summary>
    Optimal,

    /// <summary>
    /// The time limit (or a cancellation) stopped the solver first: the assignment is the best found so far, not proven
    /// optimal; <see cref="GenerationResult.BestBound"/> says how much better one could at most be.
    /// </summary>
    Feasible,

    /// <summary>A heuristic's assignment (the greedy baseline): valid, with no claim about optimality.</summary>
    Heuristic,
}

/// <summary>Units of one offer placed on one line.</summary>
public sealed record Assignment(Guid OfferId, string MemberCode, Guid LineId, string LineCode, int Quantity, bool NationalApprovalPerUse);

/// <summary>
/// How well a line is covered. <see cref="Assigned"/> may exceed <see cref="Desired"/> when an indivisible offer is larger
/// than the line needs; <see cref="Covered"/> is capped at it.
/// </summary>
public sealed record LineCoverage(Guid LineId, string Code, Priority Priority, int Minimum, int Desired, int Assigned)
{
    public int Covered => Math.Min(Assigned, Desired);

    public bool MinimumMet => Assigned >= Minimum;

    public bool Filled => Assigned >= Desired;
}

/// <summary>An offer of the line's capability that does not serve it (or not fully), and why.</summary>
public sealed record UnusedOffer(Guid OfferId, string MemberCode, BlockReason Reason);

/// <summary>A line not filled to its desired quantity: how many units it lacks and why each offer of its capability stays away.</summary>
public sealed record LineGap(Guid LineId, string Code, Capability Capability, Priority Priority, int MinimumShortfall, int DesiredShortfall, IReadOnlyList<UnusedOffer> Offers);

/// <summary>The outcome of one force-generation run; the solver and the greedy baseline return the same shape.</summary>
/// <remarks>
/// <para><c>Method</c>: "CP-SAT" or "Greedy".</para>
/// <para><c>Objective</c>: priority-weighted coverage: for each line, <see cref="ForcesVocabulary.WeightOf"/> × (covered
/// units + the line's minimum again when the minimum is met). Tie-breakers are not included, so runs compare on it.</para>
/// <para><c>BestBound</c>: an upper bound on the objective proven by the solver; null for the baseline.</para>
/// <para><c>RelativeGap</c>: (bound − objective) / bound; 0 when optimal, null for the baseline.</para>
/// <para><c>Note</c>: a sentence for people: what the status means for this run.</para>
/// </remarks>
public sealed record GenerationResult(
    string Method,
    string ScenarioName,
    GenerationStatus Status,
    bool TimeLimitReached,
    long Objective,
    long? BestBound,
    double? RelativeGap,
    IReadOnlyList<Assignment> Assignments,
    IReadOnlyList<LineCoverage> Coverage,
    IReadOnlyList<LineGap> Gaps,
    IReadOnlyList<string> ParticipatingMembers,
    TimeSpan SolveTime,
    string Note)
{
    public int LinesAtMinimum => Coverage.Count(c => c.MinimumMet);

    public int LinesFilled => Coverage.Count(c => c.Filled);
}

/// <summary>Turns an assignment into coverage, objective and the gap list, the same way for every method.</summary>
internal static class GenerationOutcome
{
    /// <summary>The objective of <see cref="GenerationResult.Objective"/> for one line.</summary>
    public static long LineScore(GenerationLine line, int assigned)
    {
        var covered = Math.Min(assigned, line.Desired);
        var minimumBonus = assigned >= line.Minimum ? line.Minimum : 0;
        return (long)ForcesVocabulary.WeightOf(line.Priority) * (covered + minimumBonus);
    }

    public static GenerationResult Build(
        GenerationProblem problem,
        IReadOnlyList<Assignment> assignments,
        string method,
        GenerationStatus status,
        bool timeLimitReached,
        long? bestBound,
        TimeSpan solveTime,
        string note)
    {
        var assignedByLine = assignments.GroupBy(a => a.LineId).ToDictionary(g => g.Key, g => g.Sum(a => a.Quantity));
        var usedByOffer = assignments.GroupBy(a => a.OfferId).ToDictionary(g => g.Key, g => g.ToList());
        var participating = assignments.Select(a => a.MemberCode.ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
        var offersByCapability = problem.Offers.ToLookup(o => o.Capability);

        var coverage = new List<LineCoverage>(problem.Lines.Count);
        var gaps = new List<LineGap>();
        long objective = 0;
        foreach (var line in problem.Lines)
        {
            var assigned = assignedByLine.GetValueOrDefault(line.Id);
            objective += LineScore(line, assigned);
            var lineCoverage = new LineCoverage(line.Id, line.Code, line.Priority, line.Minimum, line.Desired, assigned);
            coverage.Add(lineCoverage);
            if (lineCoverage.Filled)
            {
                continue;
            }

            var unused = new List<UnusedOffer>();
            foreach (var offer in offersByCapability[line.Capability])
            {
                var uses = usedByOffer.GetValueOrDefault(offer.Id) ?? [];
                var left = offer.Quantity - uses.Sum(u => u.Quantity);
                if (uses.Any(u => u.LineId == line.Id) && left == 0)
                {
                    continue; // all of it already serves this line
                }

                var reason = Compatibility.Check(offer, line, problem.Scenario)
                    ?? MissingParticipant(offer, participating)
                    ?? (left <= 0 || (offer.Indivisible && uses.Count > 0)
                        ? new BlockReason(BlockKind.UsedElsewhere, $"used on line {string.Join(", ", uses.Select(u => u.LineCode).Distinct())}")
                        : new BlockReason(BlockKind.NotChosen, $"{left} of its {offer.Quantity} units were left unassigned"));
                unused.Add(new UnusedOffer(offer.Id, offer.MemberCode, reason));
            }

            gaps.Add(new LineGap(line.Id, line.Code, line.Capability, line.Priority,
                Math.Max(0, line.Minimum - assigned), Math.Max(0, line.Desired - assigned), unused));
        }

        double? relativeGap = bestBound is { } bound ? (bound <= 0 ? 0 : Math.Max(0, (double)(bound - objective) / bound)) : null;
        return new GenerationResult(method, problem.Scenario.Name, status, timeLimitReached, objective, bestBound, relativeGap,
            assignments, coverage, gaps, participating.Order(StringComparer.Ordinal).ToList(), solveTime, note);
    }

    private static BlockReason? MissingParticipant(GenerationOffer offer, HashSet<string> participating)
    {
        foreach (var member in Compatibility.ParticipationNeeded(offer))
        {
            if (!participating.Contains(member))
            {
                return new BlockReason(BlockKind.Participation, $"needs {member} to take part, and no offer of {member} is used");
            }
        }

        return null;
    }
}
