using Entente.Modules.Forces.Domain;
using Entente.Modules.Forces.Domain.Generation;
using OfferCaveats = Entente.Modules.Forces.Domain.Generation.OfferCaveats;
using OfferCondition = Entente.Modules.Forces.Domain.Generation.OfferCondition;
using Entente.Testing.Forces;

namespace Entente.Tests.Forces.Generation;

/// <summary>The force-generation solver, its greedy baseline and the matching rules they share. Pure: no database.</summary>
public sealed class ForceGenerationTests
{
    private static readonly GenerationScenario Everything = GenerationScenario.Everything();
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    private static GenerationLine Line(string code, Priority priority = Priority.High, int minimum = 2, int desired = 2,
        Capability capability = Capability.LightInfantry, string sector = "CENTRE", ForceTask[]? tasks = null) =>
        new(Guid.CreateVersion7(), code, capability, minimum, desired, priority, NoticeToMoveDays: 30, ReadinessLevel.Assessed,
            sector, new DateOnly(2027, 3, 1), new DateOnly(2027, 8, 27), tasks ?? [ForceTask.Deterrence, ForceTask.Patrolling],
            RulesOfEngagement.ForceProtection, CommandArrangement.TacticalControl);

    private static GenerationOffer Offer(string member, int quantity = 2, bool indivisible = false, ReadinessLevel readiness = ReadinessLevel.Ready,
        OfferCaveats? caveats = null, OfferCondition[]? conditions = null, Capability capability = Capability.LightInfantry) =>
        new(Guid.CreateVersion7(), member, capability, quantity, indivisible, NoticeToMoveDays: 10, readiness,
            new DateOnly(2027, 1, 1), new DateOnly(2027, 12, 31), caveats ?? OfferCaveats.None, conditions ?? []);

    private static OfferCaveats OnlySectors(params string[] sectors) => OfferCaveats.None with { AllowedSectors = sectors };

    [Fact]
    public void The_solver_proves_an_assignment_optimal_where_the_greedy_baseline_strands_a_line()
    {
        // Greedy gives the critical line the readier offer X, which was the only one the high line could use.
        var critical = Line("A", Priority.Critical);
        var high = Line("B", Priority.High, sector: "EAST");
        var low = Line("D", Priority.Low, sector: "WEST");
        var x = Offer("FRA", readiness: ReadinessLevel.RapidDeployment, caveats: OnlySectors("CENTRE", "EAST"));
        var y = Offer("POL", readiness: ReadinessLevel.Assessed, caveats: OnlySectors("CENTRE", "WEST"));
        var problem = new GenerationProblem([critical, high, low], [x, y], Everything);

        var greedy = GreedyForceGenerator.Generate(problem);
        var solved = ForceGenerator.Generate(problem, Limit, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(GenerationStatus.Optimal, solved.Status);
        Assert.False(solved.TimeLimitReached);
        Assert.Equal(8 * 4 + 4 * 4, solved.Objective);
        Assert.Equal(solved.Objective, solved.BestBound);
        Assert.Equal(8 * 4 + 1 * 4, greedy.Objective);
        Assert.True(solved.Objective > greedy.Objective);
        Assert.Contains(solved.Assignments, a => a.OfferId == y.Id && a.LineId == critical.Id && a.Quantity == 2);
        Assert.Contains(solved.Assignments, a => a.OfferId == x.Id && a.LineId == high.Id && a.Quantity == 2);

        var greedyGap = Assert.Single(greedy.Gaps, g => g.LineId == high.Id);
        Assert.Equal(2, greedyGap.MinimumShortfall);
        var why = Assert.Single(greedyGap.Offers, o => o.OfferId == x.Id).Reason;
        Assert.Equal(BlockKind.UsedElsewhere, why.Kind);
        Assert.Equal("used on line A", why.Detail);
        Assert.Equal(BlockKind.Sector, Assert.Single(greedyGap.Offers, o => o.OfferId == y.Id).Reason.Kind);
    }

    [Theory]
    [InlineData("notice", BlockKind.NoticeToMove, "needs 45 days' notice to move, the line allows 30")]
    [InlineData("readiness", BlockKind.Readiness, "is at readiness level 1, the line needs 2")]
    [InlineData("late", BlockKind.Availability, "available only from 2027-04-01")]
    [InlineData("early", BlockKind.Availability, "available only until 2027-06-30")]
    [InlineData("duration", BlockKind.Duration, "deploys for at most 90 days, the line runs 180")]
    [InlineData("allowed", BlockKind.Sector, "restricted to sectors WEST, KYIV")]
    [InlineData("refused-sector", BlockKind.Sector, "refuses sector EAST")]
    [InlineData("task", BlockKind.Task, "refuses task Combat")]
    [InlineData("near-line", BlockKind.Task, "refuses task Patrolling near the line (sector EAST touches the line)")]
    [InlineData("roe", BlockKind.RulesOfEngagement, "accepts rules of engagement up to self defence only, the line needs mission defence")]
    [InlineData("command", BlockKind.CommandArrangement, "gives national command only, the line needs operational control")]
    [InlineData("capability", BlockKind.Capability, "offers armour, not light infantry")]
    public void Each_caveat_keeps_an_offer_off_a_line_and_says_which(string caveat, BlockKind kind, string detail)
    {
        var line = Line("L1", sector: "EAST", tasks: [ForceTask.Deterrence, ForceTask.Combat, ForceTask.Patrolling]) with
        {
            RequiredRoe = RulesOfEngagement.MissionDefence,
            RequiredCommand = CommandArrangement.OperationalControl,
        };
        var offer = Offer("NLD");
        Assert.Null(Compatibility.Check(offer, line, Everything));

        var blocked = caveat switch
        {
            "notice" => offer with { NoticeToMoveDays = 45 },
            "readiness" => offer with { Readiness = ReadinessLevel.Registered },
            "late" => offer with { AvailableFrom = new DateOnly(2027, 4, 1) },
            "early" => offer with { AvailableUntil = new DateOnly(2027, 6, 30) },
            "duration" => offer with { Caveats = OfferCaveats.None with { MaxDurationDays = 90 } },
            "allowed" => offer with { Caveats = OnlySectors("WEST", "KYIV") },
            "refused-sector" => offer with { Caveats = OfferCaveats.None with { RefusedSectors = ["EAST"] } },
            "task" => offer with { Caveats = OfferCaveats.None with { RefusedTasks = [ForceTask.Combat] } },
            "near-line" => offer with { Caveats = OfferCaveats.None with { RefusedTasks = [ForceTask.PatrollingNearLine] } },
            "roe" => offer with { Caveats = OfferCaveats.None with { MaxRoe = RulesOfEngagement.SelfDefenceOnly } },
            "command" => offer with { Caveats = OfferCaveats.None with { CommandArrangement = CommandArrangement.NationalCommandOnly } },
            "capability" => offer with { Capability = Capability.Armour },
            _ => throw new ArgumentOutOfRangeException(nameof(caveat)),
        };

        var reason = Compatibility.Check(blocked, line, Everything);
        Assert.NotNull(reason);
        Assert.Equal(kind, reason.Kind);
        Assert.Equal(detail, reason.Detail);

        var result = ForceGenerator.Generate(new GenerationProblem([line], [blocked], Everything), Limit, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Empty(result.Assignments);
        if (kind != BlockKind.Capability)
        {
            Assert.Equal(reason, Assert.Single(Assert.Single(result.Gaps).Offers).Reason);
        }
    }

    [Fact]
    public void No_patrolling_near_the_line_does_not_bite_away_from_the_line_or_on_lines_without_patrols()
    {
        var offer = Offer("ITA", caveats: OfferCaveats.None with { RefusedTasks = [ForceTask.PatrollingNearLine] });
        Assert.Null(Compatibility.Check(offer, Line("C", sector: "CENTRE"), Everything));
        Assert.Null(Compatibility.Check(offer, Line("E", sector: "EAST", tasks: [ForceTask.Deterrence]), Everything));
        Assert.Equal(BlockKind.Task, Compatibility.Check(offer, Line("E2", sector: "EAST"), Everything)?.Kind);
    }

    [Fact]
    public void A_theatre_wide_line_needs_an_offer_without_a_sector_restriction()
    {
        var theatre = Line("T", sector: ForceSectors.Theatre);
        Assert.Null(Compatibility.Check(Offer("DNK"), theatre, Everything));
        var reason = Compatibility.Check(Offer("DNK", caveats: OnlySectors("WEST")), theatre, Everything);
        Assert.Equal("restricted to sectors WEST, the line is theatre-wide", reason?.Detail);
    }

    [Fact]
    public void National_approval_per_use_does_not_block_but_the_solver_prefers_offers_without_it()
    {
        var line = Line("A", desired: 2);
        var approval = Offer("BEL", caveats: OfferCaveats.None with { NationalApprovalPerUse = true });
        var free = Offer("LUX");
        Assert.Null(Compatibility.Check(approval, line, Everything));

        var result = ForceGenerator.Generate(new GenerationProblem([line], [approval, free], Everything), Limit, cancellationToken: TestContext.Current.CancellationToken);

        var assignment = Assert.Single(result.Assignments);
        Assert.Equal(free.Id, assignment.OfferId);
        Assert.False(assignment.NationalApprovalPerUse);
    }

    [Fact]
    public void Switching_the_US_backstop_off_drops_the_offers_conditioned_on_it_and_names_the_condition()
    {
        var line = Line("A", Priority.Critical, minimum: 3, desired: 4);
        var backstopped = Offer("GBR", quantity: 3, conditions: [new OfferCondition(ConditionKind.UsBackstop)]);
        var unconditional = Offer("EST", quantity: 1);
        var with = Everything with { Name = "With US backstop" };
        var without = with with { Name = "Without US backstop", UsBackstop = false };

        var withBackstop = ForceGenerator.Generate(new GenerationProblem([line], [backstopped, unconditional], with), Limit, cancellationToken: TestContext.Current.CancellationToken);
        var withoutBackstop = ForceGenerator.Generate(new GenerationProblem([line], [backstopped, unconditional], without), Limit, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(4, Assert.Single(withBackstop.Coverage).Assigned);
        Assert.True(Assert.Single(withBackstop.Coverage).Filled);
        Assert.Equal(1, Assert.Single(withoutBackstop.Coverage).Assigned);
        Assert.False(Assert.Single(withoutBackstop.Coverage).MinimumMet);
        var gap = Assert.Single(withoutBackstop.Gaps);
        Assert.Equal(2, gap.MinimumShortfall);
        var reason = Assert.Single(gap.Offers, o => o.OfferId == backstopped.Id).Reason;
        Assert.Equal(BlockKind.Condition, reason.Kind);
        Assert.Equal("needs a US backstop, which does not hold in scenario \"Without US backstop\"", reason.Detail);
        Assert.True(withBackstop.Objective > withoutBackstop.Objective);
    }

    [Fact]
    public void Mandates_and_parliaments_hold_only_as_the_scenario_says()
    {
        var offer = Offer("DEU", conditions: [new OfferCondition(ConditionKind.OtherMandate, Text: "EU"), new OfferCondition(ConditionKind.ParliamentaryApproval)]);
        var line = Line("A");
        var euOnly = Everything with { Name = "EU mandate", OtherMandates = new HashSet<string>(["eu"]), ParliamentsApproved = new HashSet<string>(["FRA"]) };

        Assert.Null(Compatibility.Check(offer, line, Everything));
        Assert.Equal("needs the approval of DEU's parliament, which does not hold in scenario \"EU mandate\"", Compatibility.Check(offer, line, euOnly)?.Detail);
        Assert.Equal("needs a EU mandate, which does not hold in scenario \"No mandate\"",
            Compatibility.Check(offer, line, Everything with { Name = "No mandate", OtherMandates = new HashSet<string>() })?.Detail);
    }

    [Fact]
    public void The_solver_uses_a_members_offer_on_a_minor_line_so_that_an_offer_conditioned_on_it_can_fill_a_critical_one()
    {
        var critical = Line("CRIT", Priority.Critical, minimum: 3, desired: 3);
        var minor = Line("MINOR", Priority.Low, minimum: 1, desired: 1, capability: Capability.Medical, tasks: [ForceTask.Medical]);
        var polish = Offer("POL", quantity: 3, conditions: [new OfferCondition(ConditionKind.MemberParticipation, MemberCode: "GBR")]);
        var british = Offer("GBR", quantity: 1, capability: Capability.Medical);

        var result = ForceGenerator.Generate(new GenerationProblem([critical, minor], [polish, british], Everything), Limit, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(GenerationStatus.Optimal, result.Status);
        Assert.Contains(result.Assignments, a => a.OfferId == british.Id);
        Assert.Contains(result.Assignments, a => a.OfferId == polish.Id && a.Quantity == 3);
        Assert.Equal(["GBR", "POL"], result.ParticipatingMembers);
    }

    [Fact]
    public void A_participation_chain_falls_whole_when_its_first_link_does_not_stand()
    {
        // NOR stands only with SWE, SWE only with FIN, and FIN only once a ceasefire holds.
        var lines = new[] { Line("N"), Line("S", sector: "WEST"), Line("F", sector: "KYIV") };
        var nor = Offer("NOR", caveats: OnlySectors("CENTRE"), conditions: [new OfferCondition(ConditionKind.MemberParticipation, MemberCode: "SWE")]);
        var swe = Offer("SWE", caveats: OnlySectors("WEST"), conditions: [new OfferCondition(ConditionKind.MemberParticipation, MemberCode: "FIN")]);
        var fin = Offer("FIN", caveats: OnlySectors("KYIV"), conditions: [new OfferCondition(ConditionKind.CeasefireInForce)]);
        var ceasefire = new GenerationProblem(lines, [nor, swe, fin], Everything);
        var noCeasefire = ceasefire with { Scenario = Everything with { Name = "No ceasefire", CeasefireInForce = false } };

        var holds = ForceGenerator.Generate(ceasefire, Limit, cancellationToken: TestContext.Current.CancellationToken);
        var falls = ForceGenerator.Generate(noCeasefire, Limit, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(3, holds.LinesFilled);
        Assert.Equal(["FIN", "NOR", "SWE"], holds.ParticipatingMembers);
        Assert.Empty(falls.Assignments);
        Assert.Equal(GenerationStatus.Optimal, falls.Status);
        var norReason = Assert.Single(Assert.Single(falls.Gaps, g => g.Code == "N").Offers, o => o.OfferId == nor.Id).Reason;
        Assert.Equal(BlockKind.Participation, norReason.Kind);
        Assert.Equal("needs SWE to take part, and no offer of SWE is used", norReason.Detail);
        Assert.Equal(BlockKind.Condition, Assert.Single(Assert.Single(falls.Gaps, g => g.Code == "F").Offers, o => o.OfferId == fin.Id).Reason.Kind);
    }

    [Fact]
    public void An_indivisible_offer_goes_whole_to_one_line_even_when_it_is_larger_than_the_line_needs()
    {
        var first = Line("A", Priority.Critical, minimum: 2, desired: 2);
        var second = Line("B", Priority.Critical, minimum: 2, desired: 2, sector: "WEST");
        var battalion = Offer("FRA", quantity: 3, indivisible: true);

        var result = ForceGenerator.Generate(new GenerationProblem([first, second], [battalion], Everything), Limit, cancellationToken: TestContext.Current.CancellationToken);

        var assignment = Assert.Single(result.Assignments);
        Assert.Equal(3, assignment.Quantity);
        var covered = Assert.Single(result.Coverage, c => c.Assigned > 0);
        Assert.Equal(2, covered.Covered);
        var gap = Assert.Single(result.Gaps);
        Assert.Equal(BlockKind.UsedElsewhere, Assert.Single(gap.Offers).Reason.Kind);
    }

    [Fact]
    public void Neither_the_solver_nor_the_baseline_ever_assigns_more_than_an_offer_holds_or_breaks_a_rule()
    {
        var problem = ForceGenerationInstances.Generate(lines: 80, offers: 320, seed: 7);
        var offers = problem.Offers.ToDictionary(o => o.Id);
        var lines = problem.Lines.ToDictionary(l => l.Id);

        foreach (var result in new[] { ForceGenerator.Generate(problem, Limit, cancellationToken: TestContext.Current.CancellationToken), GreedyForceGenerator.Generate(problem) })
        {
            Assert.NotEmpty(result.Assignments);
            foreach (var byOffer in result.Assignments.GroupBy(a => a.OfferId))
            {
                var offer = offers[byOffer.Key];
                Assert.True(byOffer.Sum(a => a.Quantity) <= offer.Quantity, $"{result.Method} over-assigned an offer of {offer.MemberCode}");
                if (offer.Indivisible)
                {
                    Assert.Equal(offer.Quantity, Assert.Single(byOffer).Quantity);
                }

                foreach (var assignment in byOffer)
                {
                    Assert.True(assignment.Quantity > 0);
                    Assert.Null(Compatibility.Check(offer, lines[assignment.LineId], problem.Scenario));
                    Assert.All(Compatibility.ParticipationNeeded(offer), m => Assert.Contains(m, result.ParticipatingMembers));
                }
            }

            // A line takes no more than it asks for, but for what one indivisible offer brings beyond it.
            foreach (var byLine in result.Assignments.GroupBy(a => a.LineId))
            {
                var excess = byLine.Where(a => offers[a.OfferId].Indivisible).Select(a => a.Quantity - 1).DefaultIfEmpty(0).Max();
                Assert.True(byLine.Sum(a => a.Quantity) <= lines[byLine.Key].Desired + excess, $"{result.Method} gave line {lines[byLine.Key].Code} more than it asks for");
            }
        }
    }

    [Fact]
    public void A_run_stopped_by_a_very_short_time_limit_returns_its_best_assignment_so_far_and_says_so()
    {
        var problem = ForceGenerationInstances.Generate(lines: 500, offers: 2_000, seed: 11);
        var greedy = GreedyForceGenerator.Generate(problem);

        var result = ForceGenerator.Generate(problem, TimeSpan.FromMilliseconds(50), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(GenerationStatus.Feasible, result.Status);
        Assert.True(result.TimeLimitReached);
        Assert.NotEmpty(result.Assignments);
        Assert.True(result.Objective >= greedy.Objective);
        Assert.True(result.BestBound >= result.Objective);
        Assert.Contains("best assignment found so far, not proven optimal", result.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cancelled_run_still_returns_an_assignment_and_does_not_claim_the_time_limit()
    {
        var problem = ForceGenerationInstances.Generate(lines: 60, offers: 240, seed: 3);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var result = ForceGenerator.Generate(problem, Limit, cancellationToken: cancelled.Token);

        Assert.Equal(GenerationStatus.Feasible, result.Status);
        Assert.False(result.TimeLimitReached);
        Assert.Equal(GreedyForceGenerator.Generate(problem).Objective, result.Objective);
        Assert.StartsWith("Cancelled", result.Note, StringComparison.Ordinal);
    }
}
