using Entente.Infrastructure.Labels;
using Entente.Modules.Forces.Domain;
using CA = Entente.Modules.Forces.Domain.CommandArrangement;
using CK = Entente.Modules.Forces.Domain.ConditionKind;
using RL = Entente.Modules.Forces.Domain.ReadinessLevel;
using ROE = Entente.Modules.Forces.Domain.RulesOfEngagement;
using T = Entente.Modules.Forces.Domain.ForceTask;

namespace Entente.Demo;

/// <summary>
/// Illustrative national offers to the reassurance force, in the shape public reporting gave the debate (a British and
/// French core on the ground, air policing and maritime security, Nordic and Baltic enablers, conditions such as a
/// United States backstop or parliamentary approval). Units, numbers and caveats are invented for the demonstration.
/// Most are labelled the way offers usually are: RESTRICTED for the co-chairs, the Secretariat and the offering
/// member; a few are released to every member, and a few are CONFIDENTIAL for the co-chairs and the Secretariat only.
/// </summary>
public static class DemoOffers
{
    private static readonly string[] CoChairsAndSecretariat = ["FRA", "GBR", DemoSeeder.SecretariatCode];

    private enum Release
    {
        CoChairs,
        AllMembers,
        CoChairsConfidential,
    }

    private sealed record Spec(
        string Member, Capability Capability, string UnitType, int Quantity, int Notice, RL Readiness, int FromDays, int Months,
        Release Release = Release.CoChairs, bool Indivisible = false, string[]? Allowed = null, string[]? Refused = null, T[]? Tasks = null,
        ROE Roe = ROE.MissionDefence, int? MaxDays = null, bool Approval = false, CA Command = CA.OperationalControl,
        (CK Kind, string? Member, string? Text)[]? Conditions = null, (RL Level, int InDays)[]? Plan = null, string? Remarks = null);

    private static readonly Spec[] Specs =
    [
        new("GBR", Capability.MechanisedInfantry, "Mechanised battlegroup", 2, 30, RL.Assessed, 60, 24, Roe: ROE.MissionDefence, Command: CA.TacticalControl,
            Refused: ["SOUTH", "EAST"], Conditions: [(CK.UsBackstop, null, null), (CK.CeasefireInForce, null, null)],
            Plan: [(RL.Ready, 45)], Remarks: "Rotations of six months; a British brigade headquarters would command."),
        new("GBR", Capability.AirPolicing, "Typhoon flight", 4, 5, RL.RapidDeployment, 14, 24, Conditions: [(CK.CeasefireInForce, null, null)]),
        new("GBR", Capability.Isr, "Airborne surveillance detachment", 2, 10, RL.Ready, 30, 18, Tasks: [T.Combat]),
        new("GBR", Capability.Training, "Training mission (300 instructors)", 1, 20, RL.Ready, 30, 36, Release.AllMembers, Allowed: ["WEST", "KYIV"]),
        new("FRA", Capability.AirPolicing, "Rafale detachment", 4, 7, RL.Ready, 30, 24, Approval: true, Conditions: [(CK.ParliamentaryApproval, null, null)],
            Plan: [(RL.RapidDeployment, 90)]),
        new("FRA", Capability.MechanisedInfantry, "Motorised battlegroup", 2, 45, RL.Assessed, 90, 24, Command: CA.TacticalControl, Allowed: ["KYIV", "CENTRE", "ODESA"],
            Tasks: [T.PatrollingNearLine], Conditions: [(CK.CeasefireInForce, null, null), (CK.MemberParticipation, "GBR", null)], Plan: [(RL.Ready, 60)]),
        new("FRA", Capability.CommandAndControl, "Multinational force headquarters (framework nation)", 1, 60, RL.Assessed, 90, 36, Release.CoChairsConfidential, Indivisible: true,
            Allowed: ["KYIV"], Conditions: [(CK.MemberParticipation, "GBR", null)]),
        new("DEU", Capability.AirDefence, "Patriot fire unit", 2, 30, RL.Ready, 60, 24, Allowed: ["KYIV", "WEST", "CENTRE"], Roe: ROE.ForceProtection,
            Conditions: [(CK.ParliamentaryApproval, null, null), (CK.UsBackstop, null, null)], Approval: true),
        new("DEU", Capability.Logistics, "Logistics battalion", 1, 30, RL.Assessed, 60, 24, Allowed: ["WEST"], Tasks: [T.Combat, T.PatrollingNearLine],
            Conditions: [(CK.ParliamentaryApproval, null, null)], Plan: [(RL.Ready, 120)]),
        new("DEU", Capability.Training, "Training mission (200 instructors)", 1, 15, RL.Ready, 14, 36, Release.AllMembers, Allowed: ["WEST"]),
        new("ITA", Capability.Demining, "Demining and EOD teams", 6, 30, RL.Assessed, 60, 24, Allowed: ["CENTRE", "NORTH", "ODESA"], Roe: ROE.SelfDefenceOnly,
            Conditions: [(CK.CeasefireInForce, null, null), (CK.OtherMandate, null, "EU Council decision under the CSDP")], Plan: [(RL.Ready, 100)]),
        new("POL", Capability.Logistics, "Logistics hub at the border", 1, 10, RL.Ready, 7, 36, Release.AllMembers, Allowed: ["WEST"], Command: CA.NationalCommandOnly,
            Remarks: "Poland supports from its territory and the western oblasts; no troops further east."),
        new("POL", Capability.Engineering, "Engineer company", 2, 20, RL.Assessed, 30, 12, Allowed: ["WEST"], Tasks: [T.Combat]),
        new("ESP", Capability.MaritimeSecurity, "Frigate", 1, 20, RL.Registered, 120, 12, Allowed: ["BLACKSEA"], Conditions: [(CK.UnMandate, null, null)],
            Plan: [(RL.Assessed, 60), (RL.Ready, 110)]),
        new("NLD", Capability.Helicopters, "Chinook transport helicopters", 4, 20, RL.Assessed, 60, 12, Tasks: [T.Combat], Conditions: [(CK.ParliamentaryApproval, null, null)]),
        new("NLD", Capability.AirDefence, "NASAMS battery", 1, 30, RL.Registered, 90, 18, Allowed: ["KYIV", "CENTRE"], Plan: [(RL.Assessed, 45)]),
        new("DNK", Capability.Demining, "Humanitarian demining and training teams", 4, 30, RL.Ready, 30, 24, Release.AllMembers, Allowed: ["WEST", "CENTRE"],
            Tasks: [T.Combat, T.Patrolling, T.PatrollingNearLine], Roe: ROE.SelfDefenceOnly),
        new("NOR", Capability.Training, "Nordic training team (80 instructors)", 1, 20, RL.Ready, 30, 24, Allowed: ["WEST"], Tasks: [T.Combat, T.PatrollingNearLine]),
        new("SWE", Capability.Isr, "Airborne early warning aircraft", 1, 15, RL.Ready, 30, 12, Refused: ["EAST", "SOUTH"], Approval: true),
        new("FIN", Capability.Engineering, "Engineer and demining unit", 1, 30, RL.Assessed, 60, 18, Allowed: ["WEST", "NORTH"], Tasks: [T.Combat],
            Conditions: [(CK.ParliamentaryApproval, null, null)]),
        new("CZE", Capability.Medical, "Field hospital (role 2)", 1, 30, RL.Assessed, 60, 24, Indivisible: true, Allowed: ["CENTRE", "KYIV"], Plan: [(RL.Ready, 100)]),
        new("ROU", Capability.MineCountermeasures, "Mine countermeasures vessel", 2, 15, RL.Ready, 30, 24, Allowed: ["BLACKSEA"],
            Conditions: [(CK.MemberParticipation, "TUR", null)]),
        new("TUR", Capability.MineCountermeasures, "Mine countermeasures group", 3, 10, RL.Ready, 14, 24, Release.CoChairsConfidential, Indivisible: true,
            Allowed: ["BLACKSEA"], Command: CA.NationalCommandOnly, Approval: true, Remarks: "Under the Montreux Convention; Turkish command of the group."),
        new("CAN", Capability.Training, "Training mission (Operation UNIFIER follow-on, 150 instructors)", 1, 20, RL.Ready, 14, 36, Release.AllMembers, Allowed: ["WEST"]),
        new("CAN", Capability.AirTransport, "Strategic airlift", 2, 10, RL.RapidDeployment, 7, 24),
        new("EST", Capability.Cyber, "Cyber defence team", 2, 10, RL.Ready, 14, 24, Release.AllMembers),
        new("LTU", Capability.MilitaryPolice, "Military police platoon", 2, 30, RL.Assessed, 60, 12, Allowed: ["KYIV", "WEST"], MaxDays: 180,
            Conditions: [(CK.MemberParticipation, "POL", null)]),
        new("BEL", Capability.AirPolicing, "F-35 pair", 2, 20, RL.Registered, 180, 12, Conditions: [(CK.UsBackstop, null, null)], Plan: [(RL.Assessed, 90), (RL.Ready, 170)]),
        new("AUS", Capability.Isr, "Wedgetail surveillance aircraft", 1, 30, RL.Assessed, 90, 6, Tasks: [T.Combat], MaxDays: 150, Approval: true),
        new("PRT", Capability.LightInfantry, "Light infantry company", 1, 45, RL.Registered, 120, 12, Allowed: ["ODESA"], Tasks: [T.Combat, T.PatrollingNearLine],
            Roe: ROE.ForceProtection, Conditions: [(CK.UnMandate, null, null), (CK.ParliamentaryApproval, null, null)], Plan: [(RL.Assessed, 60)]),
        new("USA", Capability.Logistics, "Enablers: logistics, intelligence and air defence integration", 1, 30, RL.Registered, 60, 24, Release.CoChairsConfidential,
            Command: CA.NationalCommandOnly, Tasks: [T.Combat, T.Patrolling, T.PatrollingNearLine],
            Remarks: "Backstop discussed at the Paris summit; no US troops on the ground."),
    ];

    public static IReadOnlyList<Offer> Build(DateOnly today, DateTime now)
    {
        var active = DemoRegistry.Members.Select(m => m.Code).ToHashSet(StringComparer.Ordinal);
        var offers = new List<Offer>();
        foreach (var s in Specs)
        {
            var from = today.AddDays(s.FromDays);
            var until = from.AddMonths(s.Months);
            var caveats = Check(OfferCaveats.Create(s.Capability, until.DayNumber - from.DayNumber + 1, s.Allowed, s.Refused, s.Tasks, s.Roe, s.MaxDays,
                s.Approval, s.Command, s.Remarks), s);
            var terms = new OfferTerms(s.Capability, s.UnitType, s.Quantity, s.Indivisible, s.Notice, s.Readiness,
                (s.Plan ?? []).Select(p => new OfferPlanStepTerms(p.Level, today.AddDays(p.InDays))).ToList(), from, until, caveats,
                (s.Conditions ?? []).Select(c => new OfferConditionTerms(c.Kind, c.Member, c.Text)).ToList(), "Illustrative demo offer.");
            var label = s.Release switch
            {
                Release.AllMembers => Label.Create(ClassificationLevels.Restricted, originator: s.Member),
                Release.CoChairsConfidential => Label.Create(ClassificationLevels.Confidential, CoChairsAndSecretariat, s.Member),
                _ => Label.Create(ClassificationLevels.Restricted, [.. CoChairsAndSecretariat, s.Member], s.Member),
            };
            var actor = new ForcesActor(s.Member is "GBR" or "FRA" or "POL" ? $"delegate.{s.Member.ToLowerInvariant()}" : "secretariat",
                s.Member is "GBR" or "FRA" or "POL" ? s.Member : DemoSeeder.SecretariatCode);
            offers.Add(Check(Offer.Record(s.Member, terms, label, active, actor, now, today), s));
        }

        return offers;
    }

    private static TValue Check<TValue>(Infrastructure.Problems.Result<TValue> result, Spec spec) =>
        result.IsSuccess ? result.Value! : throw new InvalidOperationException($"Demo offer {spec.Member} {spec.Capability}: {result.Error!.Detail}");
}
