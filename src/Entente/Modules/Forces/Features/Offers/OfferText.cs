using Entente.Modules.Forces.Domain;

namespace Entente.Modules.Forces.Features.Offers;

/// <summary>Caveats and conditions in words, the same on the pages, in the API's summaries and in the CSV export.</summary>
public static class OfferText
{
    /// <summary>One line: only the caveats that restrict, most binding first; "No caveats" when none does.</summary>
    public static string CaveatSummary(OfferCaveats caveats)
    {
        ArgumentNullException.ThrowIfNull(caveats);
        var parts = CaveatLines(caveats).ToList();
        return parts.Count == 0 ? "No caveats" : string.Join(" · ", parts);
    }

    /// <summary>Each restricting caveat as a phrase, in the order a planner reads them.</summary>
    public static IEnumerable<string> CaveatLines(OfferCaveats caveats)
    {
        ArgumentNullException.ThrowIfNull(caveats);
        if (caveats.AllowedSectorCodes.Count > 0)
        {
            yield return "Only in " + string.Join(", ", caveats.AllowedSectorCodes.Select(SectorName));
        }

        if (caveats.RefusedSectorCodes.Count > 0)
        {
            yield return "Not in " + string.Join(", ", caveats.RefusedSectorCodes.Select(SectorName));
        }

        if (caveats.RefusedTaskList.Count > 0)
        {
            yield return "No " + string.Join(", ", caveats.RefusedTaskList.Select(Task));
        }

        if (caveats.MaxRulesOfEngagement != RulesOfEngagement.MissionDefence)
        {
            yield return "ROE up to " + Roe(caveats.MaxRulesOfEngagement);
        }

        if (caveats.MaxDurationDays is { } days)
        {
            yield return $"At most {days} days per employment";
        }

        if (caveats.NationalApprovalRequired)
        {
            yield return "National approval before each use";
        }

        if (caveats.CommandArrangement != CommandArrangement.OperationalControl)
        {
            yield return Command(caveats.CommandArrangement);
        }
    }

    /// <summary>The caveats of an API view, in the same words.</summary>
    public static IEnumerable<string> CaveatLines(CaveatsView caveats)
    {
        ArgumentNullException.ThrowIfNull(caveats);
        return CaveatLines(new OfferCaveats
        {
            AllowedSectors = Infrastructure.Labels.Label.Canonicalise(caveats.AllowedSectors),
            RefusedSectors = Infrastructure.Labels.Label.Canonicalise(caveats.RefusedSectors),
            RefusedTasks = Infrastructure.Labels.Label.Canonicalise(caveats.RefusedTasks.Select(t => t.ToString())),
            MaxRulesOfEngagement = caveats.MaxRulesOfEngagement,
            MaxDurationDays = caveats.MaxDurationDays,
            NationalApprovalRequired = caveats.NationalApprovalRequired,
            CommandArrangement = caveats.CommandArrangement,
        });
    }

    public static string Describe(OfferCondition condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return Describe(condition.Kind, condition.Member, condition.Text);
    }

    public static string Describe(ConditionKind kind, string? member, string? text) => kind switch
    {
        ConditionKind.CeasefireInForce => "Only once a ceasefire is in force",
        ConditionKind.UsBackstop => "Only with a United States backstop",
        ConditionKind.UnMandate => "Only under a UN Security Council mandate",
        ConditionKind.OtherMandate => $"Only under a mandate: {text}",
        ConditionKind.ParliamentaryApproval => "Only after parliamentary approval",
        ConditionKind.MemberParticipation => $"Only if {member} takes part",
        _ => kind.ToString(),
    };

    /// <summary>A short badge for lists.</summary>
    public static string Badge(ConditionKind kind, string? member) => kind switch
    {
        ConditionKind.CeasefireInForce => "Ceasefire",
        ConditionKind.UsBackstop => "US backstop",
        ConditionKind.UnMandate => "UN mandate",
        ConditionKind.OtherMandate => "Mandate",
        ConditionKind.ParliamentaryApproval => "Parliament",
        ConditionKind.MemberParticipation => $"With {member}",
        _ => kind.ToString(),
    };

    public static string SectorName(string code) => ForceSectors.Find(code)?.Name ?? code;

    public static string Task(ForceTask task) => task switch
    {
        ForceTask.Deterrence => "deterrence",
        ForceTask.Combat => "combat",
        ForceTask.Patrolling => "patrolling",
        ForceTask.PatrollingNearLine => "patrolling near the line",
        ForceTask.Training => "training",
        ForceTask.Logistics => "logistics",
        ForceTask.Surveillance => "surveillance",
        ForceTask.AirPolicing => "air policing",
        ForceTask.MaritimeEscort => "maritime escort",
        ForceTask.Demining => "demining",
        ForceTask.Medical => "medical support",
        ForceTask.Reconstruction => "reconstruction",
        _ => task.ToString(),
    };

    public static string Roe(RulesOfEngagement roe) => roe switch
    {
        RulesOfEngagement.SelfDefenceOnly => "self-defence only",
        RulesOfEngagement.ForceProtection => "force protection",
        RulesOfEngagement.MissionDefence => "defence of the mission",
        _ => roe.ToString(),
    };

    public static string Command(CommandArrangement command) => command switch
    {
        CommandArrangement.NationalCommandOnly => "National command only",
        CommandArrangement.TacticalControl => "Tactical control (TACON) at most",
        CommandArrangement.OperationalControl => "Operational control (OPCON)",
        _ => command.ToString(),
    };

    public static string Capability(Capability capability) => capability switch
    {
        Domain.Capability.MechanisedInfantry => "Mechanised infantry",
        Domain.Capability.LightInfantry => "Light infantry",
        Domain.Capability.SpecialOperations => "Special operations",
        Domain.Capability.MilitaryPolice => "Military police",
        Domain.Capability.AirPolicing => "Air policing",
        Domain.Capability.AirTransport => "Air transport",
        Domain.Capability.AirToAirRefuelling => "Air-to-air refuelling",
        Domain.Capability.MaritimeSecurity => "Maritime security",
        Domain.Capability.MineCountermeasures => "Mine countermeasures",
        Domain.Capability.Isr => "ISR",
        Domain.Capability.AirDefence => "Air defence",
        Domain.Capability.CommandAndControl => "Command and control",
        _ => capability.ToString(),
    };
}
