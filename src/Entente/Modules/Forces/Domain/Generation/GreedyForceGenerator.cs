using System.Diagnostics;

namespace Entente.Modules.Forces.Domain.Generation;

/// <summary>
/// The baseline a staff officer would apply by hand: lines in priority order (among equals, the line with fewest
/// possible offers first), each filled first to its minimum, then, in a second pass, to its desired quantity; for each
/// line the most constrained offers first (those fitting the fewest lines), then without national approval per use,
/// then the most ready. It honours every rule the solver does; an offer needing another member's participation is used
/// only once that member already takes part. It never undoes a choice, which is where it loses to the solver.
/// </summary>
public static class GreedyForceGenerator
{
    public const string MethodName = "Greedy";

    public static GenerationResult Generate(GenerationProblem problem)
    {
        var clock = Stopwatch.StartNew();
        var assignments = Assign(problem);
        return GenerationOutcome.Build(problem, assignments, MethodName, GenerationStatus.Heuristic, timeLimitReached: false,
            bestBound: null, clock.Elapsed, "A greedy baseline: valid, with no claim of optimality.");
    }

    /// <summary>The greedy assignment alone (the solver also starts its search from it).</summary>
    internal static List<Assignment> Assign(GenerationProblem problem)
    {
        var linesOf = new Dictionary<Guid, List<GenerationLine>>();
        var offersOf = problem.Lines.ToDictionary(l => l.Id, _ => new List<GenerationOffer>());
        var linesByCapability = problem.Lines.ToLookup(l => l.Capability);
        foreach (var offer in problem.Offers)
        {
            var fits = linesByCapability[offer.Capability].Where(l => Compatibility.Check(offer, l, problem.Scenario) is null).ToList();
            linesOf[offer.Id] = fits;
            foreach (var line in fits)
            {
                offersOf[line.Id].Add(offer);
            }
        }

        foreach (var candidates in offersOf.Values)
        {
            candidates.Sort((a, b) =>
            {
                var byConstraint = linesOf[a.Id].Count.CompareTo(linesOf[b.Id].Count);
                if (byConstraint != 0)
                {
                    return byConstraint;
                }

                var byApproval = a.Caveats.NationalApprovalPerUse.CompareTo(b.Caveats.NationalApprovalPerUse);
                return byApproval != 0 ? byApproval : b.Readiness.CompareTo(a.Readiness);
            });
        }

        var lineOrder = problem.Lines
            .OrderByDescending(l => ForcesVocabulary.WeightOf(l.Priority))
            .ThenBy(l => offersOf[l.Id].Count)
            .ThenBy(l => l.Code, StringComparer.Ordinal)
            .ToList();

        var remaining = problem.Offers.ToDictionary(o => o.Id, o => o.Quantity);
        var assigned = problem.Lines.ToDictionary(l => l.Id, _ => 0);
        var participating = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var placed = new Dictionary<(Guid Offer, Guid Line), int>();

        foreach (var minimumPass in new[] { true, false })
        {
            foreach (var line in lineOrder)
            {
                var target = minimumPass ? line.Minimum : line.Desired;
                foreach (var offer in offersOf[line.Id])
                {
                    var need = target - assigned[line.Id];
                    if (need <= 0)
                    {
                        break;
                    }

                    var left = remaining[offer.Id];
                    if (left == 0 || (offer.Indivisible && left < offer.Quantity)
                        || !Compatibility.ParticipationNeeded(offer).All(participating.Contains))
                    {
                        continue;
                    }

                    var take = offer.Indivisible ? offer.Quantity : Math.Min(left, need);
                    remaining[offer.Id] = left - take;
                    assigned[line.Id] += take;
                    participating.Add(offer.MemberCode);
                    placed[(offer.Id, line.Id)] = placed.GetValueOrDefault((offer.Id, line.Id)) + take;
                }
            }
        }

        var offers = problem.Offers.ToDictionary(o => o.Id);
        var lines = problem.Lines.ToDictionary(l => l.Id);
        return placed
            .Select(p => new Assignment(p.Key.Offer, offers[p.Key.Offer].MemberCode, p.Key.Line, lines[p.Key.Line].Code, p.Value,
                offers[p.Key.Offer].Caveats.NationalApprovalPerUse))
            .ToList();
    }
}
