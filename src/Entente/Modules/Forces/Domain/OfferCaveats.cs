using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Infrastructure.Text;

namespace Entente.Modules.Forces.Domain;

/// <summary>
/// A nation's caveats on an offer, as structured data the solver can test (the ISAF lesson: caveats written as prose
/// are discovered on the ground). An owned value: stored in the offer's row, replaced whole on revision.
/// </summary>
/// <remarks>
/// Invariants (enforced by <see cref="Create"/>): sector codes are catalogue codes (<see cref="ForceSectors"/>), upper
/// case, stored in the canonical bar-delimited form of <see cref="Label.Canonicalise"/>; no sector is both allowed and
/// refused; <see cref="ForceSectors.Theatre"/> is never listed (an empty allowed list already means "anywhere"); the
/// refused sectors leave somewhere to serve; the refused tasks leave the capability something to do; the maximum
/// duration, when set, is 1 to <see cref="MaxDurationLimitDays"/> days and fits the offer's availability window.
/// </remarks>
public sealed record OfferCaveats
{
    public const int MaxRemarksLength = 2000;

    /// <summary>Ten years: a longer "maximum" is no limit at all and is more likely a typing error.</summary>
    public const int MaxDurationLimitDays = 3650;

    /// <summary>No caveat at all: anywhere, any task, full ROE, operational control, no national approval.</summary>
    public static OfferCaveats None { get; } = new();

    /// <summary>Canonical bar-delimited sector codes the nation allows; empty means anywhere in the theatre.</summary>
    public string AllowedSectors { get; init; } = "";

    /// <summary>Canonical bar-delimited sector codes the nation refuses.</summary>
    public string RefusedSectors { get; init; } = "";

    /// <summary>Canonical bar-delimited <see cref="ForceTask"/> names the nation refuses.</summary>
    public string RefusedTasks { get; init; } = "";

    /// <summary>The most permissive rules of engagement the nation accepts.</summary>
    public RulesOfEngagement MaxRulesOfEngagement { get; init; } = RulesOfEngagement.MissionDefence;

    /// <summary>The longest single employment the nation accepts, in days; null when the window is the only limit.</summary>
    public int? MaxDurationDays { get; init; }

    /// <summary>Each use needs the capital's approval first. It does not stop a match; the solver reports it.</summary>
    public bool NationalApprovalRequired { get; init; }

    /// <summary>The most authority the nation hands to the coalition commander.</summary>
    public CommandArrangement CommandArrangement { get; init; } = CommandArrangement.OperationalControl;

    public string? Remarks { get; init; }

    public IReadOnlyList<string> AllowedSectorCodes => Split(AllowedSectors);

    public IReadOnlyList<string> RefusedSectorCodes => Split(RefusedSectors);

    public IReadOnlyList<ForceTask> RefusedTaskList =>
        Split(RefusedTasks).Select(t => Enum.Parse<ForceTask>(t, ignoreCase: true)).ToList();

    /// <summary>Whether any caveat restricts the offer (the remarks alone do not).</summary>
    public bool IsRestrictive =>
        AllowedSectors.Length > 0 || RefusedSectors.Length > 0 || RefusedTasks.Length > 0
        || MaxRulesOfEngagement != RulesOfEngagement.MissionDefence || MaxDurationDays is not null || NationalApprovalRequired
        || CommandArrangement != CommandArrangement.OperationalControl;

    /// <summary>
    /// Builds caveats for an offer of <paramref name="capability"/> available for <paramref name="windowDays"/> days,
    /// refusing unknown codes and contradictions with a reason a delegate can act on.
    /// </summary>
    public static Result<OfferCaveats> Create(
        Capability capability,
        int windowDays,
        IEnumerable<string>? allowedSectors,
        IEnumerable<string>? refusedSectors,
        IEnumerable<ForceTask>? refusedTasks,
        RulesOfEngagement maxRulesOfEngagement,
        int? maxDurationDays,
        bool nationalApprovalRequired,
        CommandArrangement commandArrangement,
        string? remarks)
    {
        var allowed = Codes(allowedSectors);
        var refused = Codes(refusedSectors);
        foreach (var (field, codes) in new[] { ("caveats.allowedSectors", allowed), ("caveats.refusedSectors", refused) })
        {
            var unknown = codes.Where(c => ForceSectors.Find(c) is null).ToList();
            if (unknown.Count > 0)
            {
                return new DomainError("forces.unknown-sector",
                    $"Not a sector of the force plan: {string.Join(", ", unknown.Take(5).Select(c => PlainText.Shorten(c, 16)))}. " +
                    $"Use one of: {string.Join(", ", ForceSectors.All.Where(s => s.Code != ForceSectors.Theatre).Select(s => s.Code))}.",
                    ErrorKind.Validation, field);
            }

            if (codes.Contains(ForceSectors.Theatre, StringComparer.Ordinal))
            {
                return Contradiction(field,
                    "THEATRE is the whole area of operations, not a sector a caveat can name: leave the allowed sectors empty to serve anywhere.");
            }
        }

        var both = allowed.Intersect(refused, StringComparer.Ordinal).ToList();
        if (both.Count > 0)
        {
            return Contradiction("caveats.refusedSectors",
                $"{string.Join(", ", both)} {(both.Count == 1 ? "is" : "are")} both allowed and refused. Keep each sector in one list only.");
        }

        var servable = ForceSectors.All.Where(s => s.Code != ForceSectors.Theatre && !refused.Contains(s.Code, StringComparer.Ordinal)).ToList();
        if (servable.Count == 0)
        {
            return Contradiction("caveats.refusedSectors", "Every sector is refused, so the offer could serve nowhere.");
        }

        var tasks = (refusedTasks ?? []).Distinct().ToList();
        if (tasks.Any(t => !Enum.IsDefined(t)))
        {
            return DomainError.Invalid("caveats.refusedTasks", $"Unknown task. Use: {EnumText.Names<ForceTask>()}.");
        }

        var core = TasksOf(capability);
        if (core.All(tasks.Contains))
        {
            return Contradiction("caveats.refusedTasks",
                $"The refused tasks include everything a {EnumText.ToText(capability)} offer could do ({string.Join(", ", core.Select(EnumText.ToText))}), so it could fill no requirement.");
        }

        if (!Enum.IsDefined(maxRulesOfEngagement))
        {
            return DomainError.Invalid("caveats.maxRulesOfEngagement", $"Unknown rules of engagement. Use: {EnumText.Names<RulesOfEngagement>()}.");
        }

        if (!Enum.IsDefined(commandArrangement))
        {
            return DomainError.Invalid("caveats.commandArrangement", $"Unknown command arrangement. Use: {EnumText.Names<CommandArrangement>()}.");
        }

        if (maxDurationDays is { } duration)
        {
            if (duration <= 0)
            {
                return Contradiction("caveats.maxDurationDays", "A maximum duration must be at least one day; leave it empty when there is none.");
            }

            if (duration > MaxDurationLimitDays)
            {
                return DomainError.Invalid("caveats.maxDurationDays", $"A maximum duration is at most {MaxDurationLimitDays} days; leave it empty when there is none.");
            }

            if (duration > windowDays)
            {
                // The window already bounds any employment: a longer maximum limits nothing and usually means one of the two was mistyped.
                return Contradiction("caveats.maxDurationDays",
                    $"The maximum duration ({duration} days) is longer than the availability window ({windowDays} days). Shorten it, widen the window, or leave it empty.");
            }
        }

        var checkedRemarks = PlainText.Check("caveats.remarks", remarks, MaxRemarksLength, multiline: true);
        if (!checkedRemarks.IsSuccess)
        {
            return checkedRemarks.Error!;
        }

        return new OfferCaveats
        {
            AllowedSectors = Label.Canonicalise(allowed),
            RefusedSectors = Label.Canonicalise(refused),
            RefusedTasks = Label.Canonicalise(tasks.Select(t => t.ToString())),
            MaxRulesOfEngagement = maxRulesOfEngagement,
            MaxDurationDays = maxDurationDays,
            NationalApprovalRequired = nationalApprovalRequired,
            CommandArrangement = commandArrangement,
            Remarks = checkedRemarks.Value,
        };
    }

    /// <summary>
    /// The tasks an offer of the capability exists to perform. Refusing all of them leaves an offer no line could use,
    /// which is a contradiction, not a caveat.
    /// </summary>
    public static IReadOnlyList<ForceTask> TasksOf(Capability capability) => capability switch
    {
        Capability.MechanisedInfantry or Capability.LightInfantry or Capability.Armour =>
            [ForceTask.Deterrence, ForceTask.Combat, ForceTask.Patrolling, ForceTask.PatrollingNearLine, ForceTask.Training],
        Capability.Artillery => [ForceTask.Deterrence, ForceTask.Combat, ForceTask.Training],
        Capability.SpecialOperations => [ForceTask.Combat, ForceTask.Surveillance, ForceTask.Training],
        Capability.MilitaryPolice => [ForceTask.Patrolling, ForceTask.PatrollingNearLine, ForceTask.Training],
        Capability.AirPolicing => [ForceTask.AirPolicing, ForceTask.Deterrence],
        Capability.AirTransport or Capability.AirToAirRefuelling or Capability.Logistics => [ForceTask.Logistics],
        Capability.Helicopters => [ForceTask.Logistics, ForceTask.Medical, ForceTask.Surveillance, ForceTask.Combat],
        Capability.MaritimeSecurity => [ForceTask.MaritimeEscort, ForceTask.Surveillance, ForceTask.Deterrence],
        Capability.MineCountermeasures => [ForceTask.Demining, ForceTask.MaritimeEscort],
        Capability.Isr => [ForceTask.Surveillance],
        Capability.Medical => [ForceTask.Medical],
        Capability.Engineering => [ForceTask.Reconstruction, ForceTask.Demining, ForceTask.Logistics],
        Capability.Demining => [ForceTask.Demining, ForceTask.Training],
        Capability.AirDefence => [ForceTask.Deterrence, ForceTask.Combat],
        Capability.Training => [ForceTask.Training],
        Capability.Cyber or Capability.CommandAndControl or Capability.Communications => [ForceTask.Surveillance, ForceTask.Logistics, ForceTask.Training],
        _ => throw new ArgumentOutOfRangeException(nameof(capability), capability, null),
    };

    private static DomainError Contradiction(string field, string detail) =>
        new("forces.contradictory-caveats", detail, ErrorKind.Validation, field);

    private static List<string> Codes(IEnumerable<string>? codes) =>
        (codes ?? []).Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim().ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToList();

    private static string[] Split(string canonical) => canonical.Split('|', StringSplitOptions.RemoveEmptyEntries);
}
