namespace Entente.Modules.Forces.Domain.Generation;

/// <summary>
/// A requirement line as force generation sees it: what is needed, where, when and under which terms. Quantities count
/// units of the line's capability (companies, aircraft, teams ...); the same unit on the offer side.
/// </summary>
/// <remarks>
/// <para><c>Minimum</c>: Units below which the line counts as unfilled (≥ 0, ≤ <paramref name="Desired"/>).</para>
/// <para><c>Desired</c>: Units the line asks for; coverage above it earns nothing.</para>
/// <para><c>NoticeToMoveDays</c>: The longest notice to move the line accepts, in days.</para>
/// <para><c>PeriodStart</c>: First day of the period the line must be served (inclusive).</para>
/// <para><c>PeriodEnd</c>: Last day of the period (inclusive).</para>
/// </remarks>
public sealed record GenerationLine(
    Guid Id,
    string Code,
    Capability Capability,
    int Minimum,
    int Desired,
    Priority Priority,
    int NoticeToMoveDays,
    ReadinessLevel MinimumReadiness,
    string SectorCode,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    IReadOnlyList<ForceTask> Tasks,
    RulesOfEngagement RequiredRoe,
    CommandArrangement RequiredCommand)
{
    /// <summary>Length of the period in days, both ends counted.</summary>
    public int PeriodDays => PeriodEnd.DayNumber - PeriodStart.DayNumber + 1;
}

/// <summary>
/// A nation's caveats on an offer, as structured data. An empty allowed list means "anywhere"; refusals always bite.
/// </summary>
/// <remarks>
/// <para><c>MaxDurationDays</c>: The longest deployment the nation accepts, in days; null when it sets none.</para>
/// <para><c>NationalApprovalPerUse</c>: The nation must approve each use: never blocks, but is reported and disfavoured.</para>
/// </remarks>
public sealed record OfferCaveats(
    IReadOnlyList<string> AllowedSectors,
    IReadOnlyList<string> RefusedSectors,
    IReadOnlyList<ForceTask> RefusedTasks,
    RulesOfEngagement MaxRoe,
    int? MaxDurationDays,
    bool NationalApprovalPerUse,
    CommandArrangement CommandArrangement)
{
    /// <summary>No restriction at all: anywhere, any task, the most permissive ROE and command arrangement.</summary>
    public static OfferCaveats None { get; } = new([], [], [], RulesOfEngagement.MissionDefence, null, false, CommandArrangement.OperationalControl);
}

/// <summary>A condition that must hold for the offer to stand.</summary>
/// <remarks>
/// <para><c>MemberCode</c>: For <see cref="ConditionKind.MemberParticipation"/>: the member that must take part.</para>
/// <para><c>Text</c>: For <see cref="ConditionKind.OtherMandate"/>: the mandate's name; otherwise a free note.</para>
/// </remarks>
public sealed record OfferCondition(ConditionKind Kind, string? MemberCode = null, string? Text = null);

/// <summary>A national offer as force generation sees it.</summary>
/// <remarks>
/// <para><c>Quantity</c>: Units offered (≥ 1); split across lines in whole units unless <paramref name="Indivisible"/>.</para>
/// <para><c>Indivisible</c>: The offer goes to one line whole, or not at all.</para>
/// <para><c>NoticeToMoveDays</c>: Days the unit needs from the order to move.</para>
/// <para><c>AvailableFrom</c>: First day the unit is available (inclusive).</para>
/// <para><c>AvailableUntil</c>: Last day the unit is available (inclusive).</para>
/// <para><c>ReadinessPlan</c>: Levels the nation expects the unit to reach, each by a date; a line starting on or after
/// such a date sees that level (<see cref="ReadinessOn"/>), so an offer assessed today can fill a line that begins after
/// it is due to be ready. Empty when the nation plans no change.</para>
/// </remarks>
public sealed record GenerationOffer(
    Guid Id,
    string MemberCode,
    Capability Capability,
    int Quantity,
    bool Indivisible,
    int NoticeToMoveDays,
    ReadinessLevel Readiness,
    DateOnly AvailableFrom,
    DateOnly AvailableUntil,
    OfferCaveats Caveats,
    IReadOnlyList<OfferCondition> Conditions,
    IReadOnlyList<(ReadinessLevel Level, DateOnly By)>? ReadinessPlan = null)
{
    /// <summary>The highest of today's level and the planned levels due on or before <paramref name="day"/>.</summary>
    public ReadinessLevel ReadinessOn(DateOnly day)
    {
        var level = Readiness;
        foreach (var (planned, by) in ReadinessPlan ?? [])
        {
            if (by <= day && planned > level)
            {
                level = planned;
            }
        }

        return level;
    }
}

/// <summary>
/// A what-if: which political conditions hold. Member participation is not listed: the solver decides it, since a
/// member takes part exactly when one of its offers is used.
/// </summary>
/// <remarks>
/// <para><c>OtherMandates</c>: Names of the other mandates held (case-insensitive); null means every mandate is held.</para>
/// <para><c>ParliamentsApproved</c>: Members whose parliaments approved the deployment; null means all of them.</para>
/// </remarks>
public sealed record GenerationScenario(
    string Name,
    bool CeasefireInForce,
    bool UsBackstop,
    bool UnMandate,
    IReadOnlySet<string>? OtherMandates,
    IReadOnlySet<string>? ParliamentsApproved)
{
    /// <summary>Every condition holds: the most favourable case.</summary>
    public static GenerationScenario Everything(string name = "All conditions hold") => new(name, true, true, true, null, null);
}

/// <summary>The lines to fill and the offers to fill them with, under one scenario.</summary>
public sealed record GenerationProblem(IReadOnlyList<GenerationLine> Lines, IReadOnlyList<GenerationOffer> Offers, GenerationScenario Scenario);
