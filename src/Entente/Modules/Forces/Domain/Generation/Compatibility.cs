using System.Globalization;

namespace Entente.Modules.Forces.Domain.Generation;

/// <summary>Why an offer does not fill a line. The first group are caveats and terms, then conditions, then the outcome.</summary>
public enum BlockKind
{
    Capability,
    NoticeToMove,
    Readiness,
    Availability,
    Duration,
    Sector,
    Task,
    RulesOfEngagement,
    CommandArrangement,

    /// <summary>A condition that the scenario decides (ceasefire, US backstop, mandates, parliament) does not hold.</summary>
    Condition,

    /// <summary>The offer needs another member to take part, and none of that member's offers is used.</summary>
    Participation,

    /// <summary>The offer is compatible, but all of it went to other lines.</summary>
    UsedElsewhere,

    /// <summary>The offer is compatible and has units left, yet they were not assigned (only after a time-limited run or by the baseline).</summary>
    NotChosen,
}

/// <summary>A typed reason with a sentence naming the caveat or condition, e.g. "refuses task Patrolling near the line".</summary>
public sealed record BlockReason(BlockKind Kind, string Detail);

/// <summary>
/// The matching rules, in one place, for the solver, the greedy baseline and the gap list. An offer can fill a line only
/// if every rule below passes; the first that fails is the reason reported.
/// </summary>
public static class Compatibility
{
    /// <summary>
    /// Whether the offer can fill the line under the scenario: its terms and caveats first, then the conditions that the
    /// scenario decides. Member participation is left to the solver (<see cref="ParticipationNeeded"/>). Null when it can.
    /// </summary>
    public static BlockReason? Check(GenerationOffer offer, GenerationLine line, GenerationScenario scenario) =>
        CheckCaveats(offer, line) ?? CheckConditions(offer, scenario);

    /// <summary>The first term or caveat of the offer that keeps it off the line, or null.</summary>
    public static BlockReason? CheckCaveats(GenerationOffer offer, GenerationLine line)
    {
        if (offer.Capability != line.Capability)
        {
            return new(BlockKind.Capability, $"offers {Words(offer.Capability.ToString())}, not {Words(line.Capability.ToString())}");
        }

        if (offer.NoticeToMoveDays > line.NoticeToMoveDays)
        {
            return new(BlockKind.NoticeToMove,
                $"needs {offer.NoticeToMoveDays} days' notice to move, the line allows {line.NoticeToMoveDays}");
        }

        var readiness = offer.ReadinessOn(line.PeriodStart);
        if (readiness < line.MinimumReadiness)
        {
            return new(BlockKind.Readiness, readiness == offer.Readiness
                ? $"is at readiness level {ForcesVocabulary.LevelCode(offer.Readiness)}, the line needs {ForcesVocabulary.LevelCode(line.MinimumReadiness)}"
                : $"is planned to reach only readiness level {ForcesVocabulary.LevelCode(readiness)} by the line's start on {line.PeriodStart:yyyy-MM-dd}, the line needs {ForcesVocabulary.LevelCode(line.MinimumReadiness)}");
        }

        if (offer.AvailableFrom > line.PeriodStart)
        {
            return new(BlockKind.Availability, $"available only from {Day(offer.AvailableFrom)}");
        }

        if (offer.AvailableUntil < line.PeriodEnd)
        {
            return new(BlockKind.Availability, $"available only until {Day(offer.AvailableUntil)}");
        }

        var caveats = offer.Caveats;
        if (caveats.MaxDurationDays is { } maxDays && maxDays < line.PeriodDays)
        {
            return new(BlockKind.Duration, $"deploys for at most {maxDays} days, the line runs {line.PeriodDays}");
        }

        if (caveats.RefusedSectors.Contains(line.SectorCode, StringComparer.OrdinalIgnoreCase))
        {
            return new(BlockKind.Sector, $"refuses sector {line.SectorCode}");
        }

        if (caveats.AllowedSectors.Count > 0 && !caveats.AllowedSectors.Contains(line.SectorCode, StringComparer.OrdinalIgnoreCase))
        {
            return new(BlockKind.Sector, string.Equals(line.SectorCode, ForceSectors.Theatre, StringComparison.OrdinalIgnoreCase)
                ? $"restricted to sectors {string.Join(", ", caveats.AllowedSectors)}, the line is theatre-wide"
                : $"restricted to sectors {string.Join(", ", caveats.AllowedSectors)}");
        }

        foreach (var task in line.Tasks)
        {
            if (caveats.RefusedTasks.Contains(task))
            {
                return new(BlockKind.Task, $"refuses task {TaskName(task)}");
            }
        }

        // "No patrolling near the line" bites on a patrolling line in a sector that touches the line of contact.
        if (caveats.RefusedTasks.Contains(ForceTask.PatrollingNearLine)
            && line.Tasks.Contains(ForceTask.Patrolling)
            && ForceSectors.Find(line.SectorCode) is { NearLine: true })
        {
            return new(BlockKind.Task, $"refuses task {TaskName(ForceTask.PatrollingNearLine)} (sector {line.SectorCode} touches the line)");
        }

        if (caveats.MaxRoe < line.RequiredRoe)
        {
            return new(BlockKind.RulesOfEngagement,
                $"accepts rules of engagement up to {Words(caveats.MaxRoe.ToString())}, the line needs {Words(line.RequiredRoe.ToString())}");
        }

        if (caveats.CommandArrangement < line.RequiredCommand)
        {
            return new(BlockKind.CommandArrangement,
                $"gives {Words(caveats.CommandArrangement.ToString())}, the line needs {Words(line.RequiredCommand.ToString())}");
        }

        return null;
    }

    /// <summary>The first condition of the offer that the scenario says does not hold, or null. Participation is not judged here.</summary>
    public static BlockReason? CheckConditions(GenerationOffer offer, GenerationScenario scenario)
    {
        foreach (var condition in offer.Conditions)
        {
            var holds = condition.Kind switch
            {
                ConditionKind.CeasefireInForce => scenario.CeasefireInForce,
                ConditionKind.UsBackstop => scenario.UsBackstop,
                ConditionKind.UnMandate => scenario.UnMandate,
                ConditionKind.OtherMandate => scenario.OtherMandates is null
                    || (condition.Text is { } mandate && scenario.OtherMandates.Contains(mandate, StringComparer.OrdinalIgnoreCase)),
                ConditionKind.ParliamentaryApproval => scenario.ParliamentsApproved is null
                    || scenario.ParliamentsApproved.Contains(condition.MemberCode ?? offer.MemberCode, StringComparer.OrdinalIgnoreCase),
                ConditionKind.MemberParticipation => true,
                _ => throw new ArgumentOutOfRangeException(nameof(offer), condition.Kind, null),
            };
            if (!holds)
            {
                return new(BlockKind.Condition, $"{Describe(condition, offer)}, which does not hold in scenario \"{scenario.Name}\"");
            }
        }

        return null;
    }

    /// <summary>The members whose participation the offer needs (distinct, upper case).</summary>
    public static IReadOnlyList<string> ParticipationNeeded(GenerationOffer offer) =>
        offer.Conditions
            .Where(c => c.Kind == ConditionKind.MemberParticipation && !string.IsNullOrWhiteSpace(c.MemberCode))
            .Select(c => c.MemberCode!.ToUpperInvariant())
            .Distinct()
            .ToList();

    /// <summary>A condition as a phrase: "needs a US backstop", "needs FRA to take part".</summary>
    public static string Describe(OfferCondition condition, GenerationOffer offer) => condition.Kind switch
    {
        ConditionKind.CeasefireInForce => "needs a ceasefire in force",
        ConditionKind.UsBackstop => "needs a US backstop",
        ConditionKind.UnMandate => "needs a UN mandate",
        ConditionKind.OtherMandate => $"needs a {condition.Text ?? "further"} mandate",
        ConditionKind.ParliamentaryApproval => $"needs the approval of {condition.MemberCode ?? offer.MemberCode}'s parliament",
        ConditionKind.MemberParticipation => $"needs {condition.MemberCode} to take part",
        _ => throw new ArgumentOutOfRangeException(nameof(condition), condition.Kind, null),
    };

    /// <summary>"PatrollingNearLine" → "Patrolling near the line"; other tasks split into words.</summary>
    public static string TaskName(ForceTask task) =>
        task == ForceTask.PatrollingNearLine ? "Patrolling near the line" : char.ToUpperInvariant(task.ToString()[0]) + Words(task.ToString())[1..];

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>"SelfDefenceOnly" → "self defence only".</summary>
    private static string Words(string pascal)
    {
        var chars = new System.Text.StringBuilder(pascal.Length + 8);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (char.IsUpper(pascal[i]))
            {
                chars.Append(i > 0 ? " " : "").Append(char.ToLowerInvariant(pascal[i]));
            }
            else
            {
                chars.Append(pascal[i]);
            }
        }

        return chars.ToString();
    }
}
