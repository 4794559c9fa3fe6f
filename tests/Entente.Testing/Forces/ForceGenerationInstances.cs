using Entente.Modules.Forces.Domain;
using Entente.Modules.Forces.Domain.Generation;
using OfferCaveats = Entente.Modules.Forces.Domain.Generation.OfferCaveats;
using OfferCondition = Entente.Modules.Forces.Domain.Generation.OfferCondition;

namespace Entente.Testing.Forces;

/// <summary>
/// Seeded, realistic force-generation instances for tests and the benchmark: a statement of requirements weighted
/// toward land forces and enablers, national offers from ~30 members with the caveats and conditions seen in practice
/// (sector limits, "no patrolling near the line", self-defence-only ROE, national command, short tours, US backstop,
/// ceasefire, mandates, parliaments, another member's participation). The same seed gives the same instance.
/// </summary>
public static class ForceGenerationInstances
{
    private static readonly string[] Members =
    [
        "GBR", "FRA", "DEU", "ITA", "ESP", "NLD", "BEL", "DNK", "NOR", "SWE", "FIN", "POL", "EST", "LVA", "LTU", "CZE",
        "ROU", "PRT", "IRL", "AUT", "CAN", "AUS", "NZL", "JPN", "TUR", "GRC", "HRV", "SVN", "LUX", "ISL",
    ];

    private static readonly Capability[] Capabilities = Enum.GetValues<Capability>();

    private static readonly string[] LandSectors = ["KYIV", "WEST", "CENTRE", "NORTH", "EAST", "SOUTH", "ODESA", ForceSectors.Theatre];

    /// <summary>The scenario the benchmark solves: a ceasefire holds, no US backstop, no UN mandate, the EU mandate held, three parliaments still to vote.</summary>
    public static GenerationScenario BenchScenario { get; } = new(
        "Ceasefire, no US backstop", CeasefireInForce: true, UsBackstop: false, UnMandate: false,
        OtherMandates: new HashSet<string>(["EU"], StringComparer.OrdinalIgnoreCase),
        ParliamentsApproved: new HashSet<string>(Members.Where(m => m is not ("DEU" or "ITA" or "ESP")), StringComparer.OrdinalIgnoreCase));

    public static GenerationProblem Generate(int lines, int offers, int seed, GenerationScenario? scenario = null)
    {
        var random = new Random(seed);
        var start = new DateOnly(2027, 1, 1);
        var requirement = new List<GenerationLine>(lines);
        for (var i = 0; i < lines; i++)
        {
            var capability = Pick(random, Capabilities);
            var component = ForcesVocabulary.ComponentOf(capability);
            var desired = random.Next(1, 9);
            var priority = random.Next(100) switch { < 15 => Priority.Critical, < 45 => Priority.High, < 80 => Priority.Medium, _ => Priority.Low };
            var sector = component == ForceComponent.Maritime ? "BLACKSEA" : Pick(random, LandSectors);
            var periodStart = start.AddDays(random.Next(0, 180));
            var tasks = TasksFor(capability, random);
            requirement.Add(new GenerationLine(
                Guid.CreateVersion7(), $"L{i + 1:0000}", capability,
                Minimum: Math.Max(1, (int)Math.Ceiling(desired * 0.6)), Desired: desired, priority,
                NoticeToMoveDays: Pick(random, [10, 20, 30, 45, 60, 90]),
                MinimumReadiness: random.Next(100) switch { < 20 => ReadinessLevel.Registered, < 60 => ReadinessLevel.Assessed, < 90 => ReadinessLevel.Ready, _ => ReadinessLevel.RapidDeployment },
                sector, periodStart, periodStart.AddDays(Pick(random, [90, 120, 180, 180, 270, 365]) - 1), tasks,
                RequiredRoe: tasks.Contains(ForceTask.Combat) || tasks.Contains(ForceTask.Deterrence) ? RulesOfEngagement.MissionDefence
                    : random.Next(2) == 0 ? RulesOfEngagement.ForceProtection : RulesOfEngagement.SelfDefenceOnly,
                RequiredCommand: random.Next(100) < 70 ? CommandArrangement.TacticalControl : CommandArrangement.OperationalControl));
        }

        // Offers follow demand, so most capabilities are roughly as contested as the line quantities suggest.
        var demand = requirement.Select(l => l.Capability).ToArray();
        var pool = new List<GenerationOffer>(offers);
        for (var i = 0; i < offers; i++)
        {
            var member = Members[(int)Math.Floor(Math.Pow(random.NextDouble(), 1.6) * Members.Length)];
            var capability = random.Next(100) < 85 ? Pick(random, demand) : Pick(random, Capabilities);
            var from = start.AddDays(random.Next(-60, 150));
            var conditions = new List<OfferCondition>();
            if (random.Next(100) < 15) { conditions.Add(new(ConditionKind.UsBackstop)); }
            if (random.Next(100) < 25) { conditions.Add(new(ConditionKind.CeasefireInForce)); }
            if (random.Next(100) < 5) { conditions.Add(new(ConditionKind.UnMandate)); }
            if (random.Next(100) < 5) { conditions.Add(new(ConditionKind.OtherMandate, Text: "EU")); }
            if (random.Next(100) < 10) { conditions.Add(new(ConditionKind.ParliamentaryApproval)); }
            if (random.Next(100) < 10)
            {
                var other = Pick(random, ["GBR", "FRA", "DEU", "POL", "CAN"]);
                if (other != member) { conditions.Add(new(ConditionKind.MemberParticipation, MemberCode: other)); }
            }

            var refused = new List<ForceTask>();
            if (random.Next(100) < 20) { refused.Add(ForceTask.PatrollingNearLine); }
            if (random.Next(100) < 12) { refused.Add(ForceTask.Combat); }
            var allowed = random.Next(100) < 25
                ? LandSectors.Where(s => s != ForceSectors.Theatre).OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToList()
                : [];
            var refusedSectors = allowed.Count == 0 && random.Next(100) < 15 ? new List<string> { Pick(random, ["EAST", "SOUTH"]) } : [];
            pool.Add(new GenerationOffer(
                Guid.CreateVersion7(), member, capability,
                Quantity: random.Next(100) < 60 ? random.Next(1, 4) : random.Next(4, 9),
                Indivisible: random.Next(100) < 20,
                NoticeToMoveDays: Pick(random, [5, 10, 20, 30, 45, 60]),
                Readiness: random.Next(100) switch { < 15 => ReadinessLevel.Registered, < 45 => ReadinessLevel.Assessed, < 85 => ReadinessLevel.Ready, _ => ReadinessLevel.RapidDeployment },
                AvailableFrom: from, AvailableUntil: from.AddDays(random.Next(180, 900)),
                new OfferCaveats(allowed, refusedSectors, refused,
                    MaxRoe: random.Next(100) switch { < 15 => RulesOfEngagement.SelfDefenceOnly, < 40 => RulesOfEngagement.ForceProtection, _ => RulesOfEngagement.MissionDefence },
                    MaxDurationDays: random.Next(100) < 25 ? Pick(random, [120, 180, 270]) : null,
                    NationalApprovalPerUse: random.Next(100) < 20,
                    CommandArrangement: random.Next(100) switch { < 10 => CommandArrangement.NationalCommandOnly, < 55 => CommandArrangement.TacticalControl, _ => CommandArrangement.OperationalControl }),
                conditions));
        }

        return new GenerationProblem(requirement, pool, scenario ?? BenchScenario);
    }

    private static List<ForceTask> TasksFor(Capability capability, Random random) => ForcesVocabulary.ComponentOf(capability) switch
    {
        ForceComponent.Land => random.Next(100) switch
        {
            < 30 => [ForceTask.Deterrence, ForceTask.Patrolling],
            < 45 => [ForceTask.Deterrence, ForceTask.Combat],
            < 75 => [ForceTask.Patrolling, ForceTask.Surveillance],
            _ => [ForceTask.Training],
        },
        ForceComponent.Air => capability == Capability.AirPolicing ? [ForceTask.AirPolicing, ForceTask.Deterrence] : [ForceTask.Logistics],
        ForceComponent.Maritime => capability == Capability.MineCountermeasures ? [ForceTask.Demining] : [ForceTask.MaritimeEscort, ForceTask.Surveillance],
        ForceComponent.Enabler => capability switch
        {
            Capability.Medical => [ForceTask.Medical],
            Capability.Demining => [ForceTask.Demining],
            Capability.Engineering => [ForceTask.Reconstruction],
            Capability.Training => [ForceTask.Training],
            Capability.Isr => [ForceTask.Surveillance],
            Capability.Logistics => [ForceTask.Logistics],
            Capability.AirDefence => [ForceTask.Deterrence],
            _ => [ForceTask.Surveillance],
        },
        _ => throw new ArgumentOutOfRangeException(nameof(capability), capability, null),
    };

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
