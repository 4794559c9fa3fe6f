using System.Diagnostics;
using System.Globalization;
using Google.OrTools.Sat;

namespace Entente.Modules.Forces.Domain.Generation;

/// <summary>
/// Optimal force generation with OR-Tools CP-SAT (ADR 0016). The model:
/// <list type="bullet">
/// <item>an integer variable per compatible (offer, line) pair: units of the offer on the line (a 0/1 choice for an
///   indivisible offer, which then brings its whole quantity); incompatible pairs get no variable at all;</item>
/// <item>capacity: an offer's units across lines never exceed its quantity; an indivisible offer serves one line;</item>
/// <item>participation: a member takes part exactly when one of its offers is used, and an offer whose condition names
///   another member can be used only if that member takes part;</item>
/// <item>coverage of a line is capped at its desired quantity, with a bonus worth the minimum once the minimum is met;</item>
/// <item>objective: priority-weighted coverage (<see cref="ForcesVocabulary.WeightOf"/>); then, in a second, short
///   solve that keeps that coverage, fewer units needing national approval per use and more ready ones.</item>
/// </list>
/// Offers only ever fill lines of their own capability, and participation is the only link between capabilities. So
/// the solver first solves each capability on its own without the participation links (a relaxation: its optimum
/// bounds the real one). When that assignment happens to honour every participation condition, it is optimal for the
/// whole problem; otherwise the whole model, links included, is solved with the time left. Every search starts from
/// the greedy baseline's assignment, so a run stopped by its time limit is never worse than the baseline.
/// </summary>
public static class ForceGenerator
{
    public const string MethodName = "CP-SAT";

    /// <summary>Search workers when the caller names none: the processor count, and never fewer than 8.</summary>
    public static int DefaultWorkers => Math.Max(8, Environment.ProcessorCount);

    /// <summary>The default time limit of a run.</summary>
    public static readonly TimeSpan DefaultTimeLimit = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Solves the problem. Stops at <paramref name="timeLimit"/> (default 10 s) or on cancellation, returning the best
    /// assignment found so far with status <see cref="GenerationStatus.Feasible"/>; never throws on cancellation.
    /// </summary>
    /// <param name="problem">Lines, offers and the scenario.</param>
    /// <param name="timeLimit">Wall-clock limit of the whole run; default <see cref="DefaultTimeLimit"/>.</param>
    /// <param name="workers">
    /// Parallel search workers; default <see cref="DefaultWorkers"/>: at least 8, because CP-SAT only runs its
    /// bound-proving subsolvers (LP relaxations, core-based search) beside the first solution finders from about that
    /// many workers on; on a 2-core machine they share the cores, and prove what 2 workers cannot (ADR 0016).
    /// </param>
    /// <param name="cancellationToken">Stops the search early; the best assignment so far is still returned.</param>
    public static GenerationResult Generate(GenerationProblem problem, TimeSpan? timeLimit = null, int? workers = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var clock = Stopwatch.StartNew();
        var limit = timeLimit ?? DefaultTimeLimit;
        var search = new Search(problem, limit, clock, Math.Max(1, workers ?? DefaultWorkers), cancellationToken);

        var offersByCapability = problem.Offers.ToLookup(o => o.Capability);
        var parts = problem.Lines.GroupBy(l => l.Capability)
            .Select(g => (Lines: g.ToList(), Offers: offersByCapability[g.Key].ToList()))
            .OrderBy(p => p.Lines.Count * (long)p.Offers.Count)
            .ToList();

        // Each capability on its own, coverage only; then the unproven ones again with the time the others left.
        var outcomes = new PartOutcome[parts.Count];
        for (var i = 0; i < parts.Count; i++)
        {
            outcomes[i] = search.Solve(parts[i].Lines, parts[i].Offers, false, search.Remaining / (parts.Count - i), search.Greedy, keepCoverage: null);
        }

        var unproven = Enumerable.Range(0, parts.Count).Where(i => !outcomes[i].Optimal).ToList();
        for (var k = 0; k < unproven.Count; k++)
        {
            var i = unproven[k];
            var again = search.Solve(parts[i].Lines, parts[i].Offers, false, search.Remaining / (unproven.Count - k), outcomes[i].Assignments, keepCoverage: null);
            outcomes[i] = again with { Bound = Math.Min(again.Bound, outcomes[i].Bound), Optimal = again.Optimal };
        }

        var assignments = outcomes.SelectMany(o => o.Assignments).ToList();
        var bound = outcomes.Sum(o => o.Bound);
        var optimal = outcomes.All(o => o.Optimal);
        if (!HonoursParticipation(problem, assignments))
        {
            var whole = search.Solve(problem.Lines, problem.Offers, true, search.Remaining, search.Greedy, keepCoverage: null);
            assignments = whole.Assignments;
            bound = Math.Min(bound, whole.Bound);
            optimal = whole.Optimal;
        }
        else if (optimal)
        {
            // Keep each capability's optimal coverage; with the time left, prefer ready units without national approval per use.
            // The preference is cosmetic beside coverage, so it gets at most a tenth of the limit.
            assignments = [];
            var preferenceEnd = clock.Elapsed + TimeSpan.FromTicks(Math.Min(search.Remaining.Ticks, limit.Ticks / 10));
            for (var i = 0; i < parts.Count; i++)
            {
                var objective = outcomes[i].Bound;
                var left = preferenceEnd - clock.Elapsed;
                var preferred = search.Solve(parts[i].Lines, parts[i].Offers, false, left > TimeSpan.Zero ? left / (parts.Count - i) : TimeSpan.Zero,
                    outcomes[i].Assignments, objective);
                assignments.AddRange(preferred.Assignments);
            }
        }

        var cancelled = cancellationToken.IsCancellationRequested;
        var note = optimal
            ? "Optimal: no assignment covers the requirement better under this scenario."
            : cancelled
                ? "Cancelled before optimality was proven: this is the best assignment found so far, not proven optimal."
                : $"Time limit of {limit.TotalSeconds:0.###} s reached: this is the best assignment found so far, not proven optimal.";
        return GenerationOutcome.Build(problem, assignments, MethodName, optimal ? GenerationStatus.Optimal : GenerationStatus.Feasible,
            timeLimitReached: !optimal && !cancelled, bound, clock.Elapsed, note);
    }

    private static bool HonoursParticipation(GenerationProblem problem, List<Assignment> assignments)
    {
        var participating = assignments.Select(a => a.MemberCode.ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
        var used = assignments.Select(a => a.OfferId).ToHashSet();
        return problem.Offers.Where(o => used.Contains(o.Id)).All(o => Compatibility.ParticipationNeeded(o).All(participating.Contains));
    }

    /// <summary>Tie-breaking cost of one unit: 1, plus the levels it lacks from rapid deployment, plus 2 if each use needs national approval.</summary>
    private static int UnitCost(GenerationOffer offer) =>
        1 + (ReadinessLevel.RapidDeployment - offer.Readiness) + (offer.Caveats.NationalApprovalPerUse ? 2 : 0);

    private sealed record Pair(GenerationOffer Offer, GenerationLine Line, IntVar Variable);

    private sealed record PartOutcome(List<Assignment> Assignments, long Bound, bool Optimal);

    /// <summary>One run's shared state: the scenario, the greedy starting point, the clock and the cancellation.</summary>
    private sealed class Search(GenerationProblem problem, TimeSpan limit, Stopwatch clock, int workers, CancellationToken cancellationToken)
    {
        private readonly List<Assignment> _greedy = GreedyForceGenerator.Assign(problem);
        private readonly HashSet<string> _membersWithOffers =
            problem.Offers.Select(o => o.MemberCode.ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);

        public TimeSpan Remaining => limit - clock.Elapsed > TimeSpan.Zero ? limit - clock.Elapsed : TimeSpan.Zero;

        public List<Assignment> Greedy => _greedy;

        /// <summary>
        /// Solves some lines with some offers from a starting assignment (restricted to those lines). With
        /// <paramref name="keepCoverage"/>, coverage must stay at least that and the tie-breaker is minimised instead.
        /// </summary>
        public PartOutcome Solve(IReadOnlyList<GenerationLine> lines, IReadOnlyList<GenerationOffer> offers, bool withParticipation,
            TimeSpan timeLimit, List<Assignment> startFrom, long? keepCoverage)
        {
            var lineIds = lines.Select(l => l.Id).ToHashSet();
            var start = startFrom.Where(a => lineIds.Contains(a.LineId)).ToList();
            var trivialBound = lines.Sum(l => GenerationOutcome.LineScore(l, l.Desired));
            if (cancellationToken.IsCancellationRequested || timeLimit <= TimeSpan.FromMilliseconds(1))
            {
                return new PartOutcome(start, trivialBound, Optimal: false);
            }

            var hinted = start.ToDictionary(a => (a.OfferId, a.LineId), a => a.Quantity);
            var hintedMembers = startFrom.Select(a => a.MemberCode.ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
            var model = new CpModel();
            var linesByCapability = lines.ToLookup(l => l.Capability);
            var pairs = new List<Pair>();
            var unitsOnLine = lines.ToDictionary(l => l.Id, _ => LinearExpr.NewBuilder());
            var usedOfMember = new Dictionary<string, List<BoolVar>>(StringComparer.Ordinal);
            var needsOf = new List<(BoolVar Used, IReadOnlyList<string> Members)>();
            var tieBreak = LinearExpr.NewBuilder();

            foreach (var offer in offers)
            {
                var needs = Compatibility.ParticipationNeeded(offer);
                if (!needs.All(_membersWithOffers.Contains))
                {
                    continue; // it needs a member with no offer at all: it can never stand
                }

                var fits = linesByCapability[offer.Capability].Where(l => Compatibility.Check(offer, l, problem.Scenario) is null).ToList();
                if (fits.Count == 0)
                {
                    continue;
                }

                var used = model.NewBoolVar($"used_{offer.Id:N}");
                var units = LinearExpr.NewBuilder();
                var wasHinted = false;
                var cost = UnitCost(offer);
                foreach (var line in fits)
                {
                    var hintQuantity = hinted.GetValueOrDefault((offer.Id, line.Id));
                    wasHinted |= hintQuantity > 0;
                    IntVar variable;
                    if (offer.Indivisible)
                    {
                        variable = model.NewBoolVar($"take_{offer.Id:N}_{line.Id:N}");
                        model.AddHint(variable, hintQuantity > 0 ? 1 : 0);
                        unitsOnLine[line.Id].AddTerm(variable, offer.Quantity);
                        tieBreak.AddTerm(variable, (long)cost * offer.Quantity);
                    }
                    else
                    {
                        variable = model.NewIntVar(0, Math.Min(offer.Quantity, line.Desired), $"units_{offer.Id:N}_{line.Id:N}");
                        model.AddHint(variable, hintQuantity);
                        unitsOnLine[line.Id].Add(variable);
                        tieBreak.AddTerm(variable, cost);
                    }

                    units.Add(variable);
                    pairs.Add(new Pair(offer, line, variable));
                }

                if (offer.Indivisible)
                {
                    model.Add(units == used); // at most one line, and "used" exactly when it has one
                }
                else
                {
                    model.Add(units <= offer.Quantity * (LinearExpr)used);
                    model.Add(units >= used);
                }

                model.AddHint(used, wasHinted ? 1 : 0);
                var member = offer.MemberCode.ToUpperInvariant();
                if (!usedOfMember.TryGetValue(member, out var list))
                {
                    usedOfMember[member] = list = [];
                }

                list.Add(used);
                if (needs.Count > 0)
                {
                    needsOf.Add((used, needs));
                }
            }

            if (withParticipation)
            {
                // Participation(M) ⇔ some offer of M is used; an offer naming M can be used only if M takes part.
                var participates = new Dictionary<string, BoolVar>(StringComparer.Ordinal);
                foreach (var (member, usedList) in usedOfMember)
                {
                    var takesPart = model.NewBoolVar($"participates_{member}");
                    foreach (var used in usedList)
                    {
                        model.AddImplication(used, takesPart);
                    }

                    model.AddBoolOr(usedList).OnlyEnforceIf(takesPart);
                    model.AddHint(takesPart, hintedMembers.Contains(member) ? 1 : 0);
                    participates[member] = takesPart;
                }

                foreach (var (used, members) in needsOf)
                {
                    foreach (var member in members)
                    {
                        if (participates.TryGetValue(member, out var takesPart))
                        {
                            model.AddImplication(used, takesPart);
                        }
                        else
                        {
                            model.Add(used == 0); // the member has offers, but none that can serve any line
                        }
                    }
                }
            }

            // No line takes more than it asks for, except by the excess of one indivisible offer: units beyond the desired
            // quantity earn nothing and would be kept from other lines and from the nation.
            var overflow = pairs.Where(p => p.Offer.Indivisible).GroupBy(p => p.Line.Id).ToDictionary(g => g.Key, g => g.Max(p => p.Offer.Quantity - 1));
            foreach (var line in lines)
            {
                model.Add(unitsOnLine[line.Id] <= line.Desired + overflow.GetValueOrDefault(line.Id));
            }

            var coverage = LinearExpr.NewBuilder();
            var hintedOnLine = start.GroupBy(a => a.LineId).ToDictionary(g => g.Key, g => g.Sum(a => a.Quantity));
            foreach (var line in lines)
            {
                var weight = ForcesVocabulary.WeightOf(line.Priority);
                var covered = model.NewIntVar(0, line.Desired, $"covered_{line.Id:N}");
                model.Add(covered <= unitsOnLine[line.Id]);
                var hintedUnits = hintedOnLine.GetValueOrDefault(line.Id);
                model.AddHint(covered, Math.Min(hintedUnits, line.Desired));
                coverage.AddTerm(covered, weight);
                if (line.Minimum > 0)
                {
                    var minimumMet = model.NewBoolVar($"minimum_{line.Id:N}");
                    model.Add(covered >= line.Minimum).OnlyEnforceIf(minimumMet);
                    model.AddHint(minimumMet, hintedUnits >= line.Minimum ? 1 : 0);
                    coverage.AddTerm(minimumMet, (long)weight * line.Minimum);
                }
            }

            if (keepCoverage is { } kept)
            {
                model.Add(coverage >= kept);
                model.Minimize(tieBreak);
            }
            else
            {
                model.Maximize(coverage);
            }

            var (status, solver) = Run(model, timeLimit);
            if (status is CpSolverStatus.Infeasible or CpSolverStatus.ModelInvalid)
            {
                // All-zero (or, when keeping coverage, the start) is always a solution: either is a defect in the model above.
                throw new InvalidOperationException($"The force-generation model was {status}: {model.Validate()}");
            }

            if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
            {
                return new PartOutcome(start, keepCoverage ?? trivialBound, Optimal: false); // stopped before loading even the start
            }

            var values = pairs.ToDictionary(p => p.Variable.Index, p => solver.Value(p.Variable));
            var best = keepCoverage ?? (long)Math.Round(solver.ObjectiveValue);
            var bound = keepCoverage ?? (long)Math.Floor(solver.BestObjectiveBound + 1e-6);
            var assignments = new List<Assignment>();
            foreach (var pair in pairs)
            {
                var value = values[pair.Variable.Index];
                if (value > 0)
                {
                    var quantity = pair.Offer.Indivisible ? pair.Offer.Quantity : (int)value;
                    assignments.Add(new Assignment(pair.Offer.Id, pair.Offer.MemberCode, pair.Line.Id, pair.Line.Code, quantity,
                        pair.Offer.Caveats.NationalApprovalPerUse));
                }
            }

            return new PartOutcome(assignments, status == CpSolverStatus.Optimal ? best : Math.Max(best, bound),
                keepCoverage is not null || status == CpSolverStatus.Optimal);
        }

        private (CpSolverStatus Status, CpSolver Solver) Run(CpModel model, TimeSpan timeLimit)
        {
            var solver = new CpSolver
            {
                StringParameters = string.Create(CultureInfo.InvariantCulture,
                    $"max_time_in_seconds:{Math.Max(0.001, timeLimit.TotalSeconds):0.###} num_workers:{workers}"),
            };
            using (cancellationToken.Register(solver.StopSearch))
            {
                return (cancellationToken.IsCancellationRequested ? CpSolverStatus.Unknown : solver.Solve(model), solver);
            }
        }
    }
}
