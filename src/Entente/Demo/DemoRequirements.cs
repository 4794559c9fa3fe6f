using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Modules.Forces.Domain;
using Microsoft.EntityFrameworkCore;

namespace Entente.Demo;

/// <summary>
/// An illustrative statement of requirements for a post-ceasefire reassurance force: air policing flown from the
/// west, mechanised battalions around Kyiv and Odesa, demining, engineering, medical, ISR, air defence, training
/// missions in the west, mine countermeasures in the Black Sea and logistics hubs. Quantities and periods are
/// invented for the demonstration; most lines are RESTRICTED, the sensitive ones CONFIDENTIAL and released to the
/// co-chairs and Ukraine only. The period starts about two months after seeding, so the demo stays current.
/// </summary>
public static class DemoRequirements
{
    /// <summary>The actor the demo lines are created by, so a reset finds them.</summary>
    public const string Actor = "demo";

    private sealed record Spec(
        Capability Capability, string UnitType, int Minimum, int Desired, int Notice, ReadinessLevel Readiness, string Sector,
        int StartMonth, int Months, Priority Priority, ForceTask[] Tasks, RulesOfEngagement Roe, CommandArrangement Command, bool Confidential,
        string? Notes = null);

    private static readonly Spec[] Specs =
    [
        new(Capability.AirPolicing, "fighter detachment (4 aircraft) for air policing", 2, 3, 7, ReadinessLevel.Ready, "WEST", 0, 12,
            Priority.Critical, [ForceTask.AirPolicing, ForceTask.Deterrence], RulesOfEngagement.MissionDefence, CommandArrangement.OperationalControl, false,
            "Flown from bases in western Ukraine and neighbouring allies; quick reaction alert around the clock."),
        new(Capability.AirToAirRefuelling, "tanker aircraft", 1, 2, 7, ReadinessLevel.Ready, "THEATRE", 0, 12,
            Priority.High, [ForceTask.AirPolicing], RulesOfEngagement.SelfDefenceOnly, CommandArrangement.TacticalControl, false),
        new(Capability.MechanisedInfantry, "mechanised infantry battalion", 2, 3, 45, ReadinessLevel.Ready, "KYIV", 1, 6,
            Priority.Critical, [ForceTask.Deterrence, ForceTask.Patrolling, ForceTask.Training], RulesOfEngagement.ForceProtection, CommandArrangement.TacticalControl, false,
            "Reassurance presence around the capital; one battalion rotates every six months."),
        new(Capability.MechanisedInfantry, "mechanised infantry battalion", 1, 2, 45, ReadinessLevel.Ready, "ODESA", 1, 6,
            Priority.High, [ForceTask.Deterrence, ForceTask.Patrolling], RulesOfEngagement.ForceProtection, CommandArrangement.TacticalControl, false,
            "Protects the port of Odesa and the Danube corridor."),
        new(Capability.Armour, "armoured squadron", 1, 2, 45, ReadinessLevel.Ready, "CENTRE", 2, 6,
            Priority.Medium, [ForceTask.Deterrence, ForceTask.Training], RulesOfEngagement.ForceProtection, CommandArrangement.TacticalControl, false),
        new(Capability.LightInfantry, "light infantry company for the monitoring escort", 2, 4, 45, ReadinessLevel.Ready, "EAST", 1, 12,
            Priority.High, [ForceTask.PatrollingNearLine, ForceTask.Surveillance], RulesOfEngagement.ForceProtection, CommandArrangement.TacticalControl, true,
            "Escorts ceasefire monitors near the line of contact."),
        new(Capability.MilitaryPolice, "military police platoon", 1, 2, 30, ReadinessLevel.Assessed, "KYIV", 1, 12,
            Priority.Low, [ForceTask.Patrolling], RulesOfEngagement.SelfDefenceOnly, CommandArrangement.TacticalControl, false),
        new(Capability.Demining, "humanitarian demining team", 4, 8, 60, ReadinessLevel.Assessed, "SOUTH", 2, 12,
            Priority.High, [ForceTask.Demining], RulesOfEngagement.SelfDefenceOnly, CommandArrangement.NationalCommandOnly, false,
            "Clearance of farmland and roads in Kherson and Zaporizhia oblasts."),
        new(Capability.Demining, "explosive ordnance disposal team", 2, 4, 30, ReadinessLevel.Ready, "EAST", 2, 12,
            Priority.Medium, [ForceTask.Demining], RulesOfEngagement.SelfDefenceOnly, CommandArrangement.TacticalControl, false),
        new(Capability.Engineering, "engineer company (bridging and route repair)", 1, 2, 45, ReadinessLevel.Assessed, "CENTRE", 2, 9,
            Priority.Medium, [ForceTask.Reconstruction, ForceTask.Logistics], RulesOfEngagement.SelfDefenceOnly, CommandArrangement.TacticalControl, false),
        new(Capability.Medical, "role 2 field hospital", 1, 2, 30, ReadinessLevel.Ready, "KYIV", 1, 12,
            Priority.High, [ForceTask.Medical], RulesOfEngagement.SelfDefenceOnly, CommandArrangement.TacticalControl, false),
        new(Capability.Medical, "medical evacuation helicopter flight", 1, 1, 30, ReadinessLevel.Ready, "ODESA", 1, 12,
            Priority.Medium, [ForceTask.Medical], RulesOfEngagement.SelfDefenceOnly, CommandArrangement.TacticalControl, false),
        new(Capability.Isr, "ISR drone squadron", 1, 2, 14, ReadinessLevel.Ready, "THEATRE", 0, 12,
            Priority.Critical, [ForceTask.Surveillance], RulesOfEngagement.SelfDefenceOnly, CommandArrangement.OperationalControl, true,
            "Persistent watch over the line of contact in support of ceasefire monitoring."),
        new(Capability.Isr, "maritime patrol aircraft", 1, 2, 15, ReadinessLevel.Ready, "BLACKSEA", 0, 12,
            Priority.High, [ForceTask.Surveillance, ForceTask.MaritimeEscort], RulesOfEngagement.SelfDefenceOnly, CommandArrangement.TacticalControl, true),
        new(Capability.AirDefence, "ground-based air defence battery", 2, 4, 30, ReadinessLevel.RapidDeployment, "KYIV", 0, 12,
            Priority.Critical, [ForceTask.Deterrence], RulesOfEngagement.MissionDefence, CommandArrangement.OperationalControl, true,
            "Protects the force headquarters and the logistics hubs."),
        new(Capability.AirDefence, "short-range air defence platoon", 1, 2, 30, ReadinessLevel.Ready, "ODESA", 1, 12,
            Priority.High, [ForceTask.Deterrence], RulesOfEngagement.MissionDefence, CommandArrangement.TacticalControl, false),
        new(Capability.Training, "training mission (brigade-level trainers)", 2, 3, 60, ReadinessLevel.Assessed, "WEST", 1, 12,
            Priority.Medium, [ForceTask.Training], RulesOfEngagement.SelfDefenceOnly, CommandArrangement.NationalCommandOnly, false,
            "Regenerates Ukrainian brigades at training areas in the west."),
        new(Capability.MineCountermeasures, "mine countermeasures task group", 1, 2, 21, ReadinessLevel.Ready, "BLACKSEA", 1, 12,
            Priority.Critical, [ForceTask.Demining, ForceTask.MaritimeEscort], RulesOfEngagement.ForceProtection, CommandArrangement.OperationalControl, false,
            "Clears the shipping lanes to Odesa, Chornomorsk and Pivdennyi."),
        new(Capability.MaritimeSecurity, "frigate for escort of merchant shipping", 1, 2, 21, ReadinessLevel.Ready, "BLACKSEA", 2, 12,
            Priority.Medium, [ForceTask.MaritimeEscort, ForceTask.Deterrence], RulesOfEngagement.ForceProtection, CommandArrangement.TacticalControl, false),
        new(Capability.Logistics, "logistics hub (theatre entry point)", 1, 2, 30, ReadinessLevel.Ready, "WEST", 0, 12,
            Priority.High, [ForceTask.Logistics], RulesOfEngagement.SelfDefenceOnly, CommandArrangement.OperationalControl, false,
            "Reception, staging and onward movement near the western border."),
        new(Capability.Logistics, "forward logistics hub", 1, 1, 30, ReadinessLevel.Ready, "CENTRE", 1, 12,
            Priority.Medium, [ForceTask.Logistics], RulesOfEngagement.SelfDefenceOnly, CommandArrangement.TacticalControl, false),
        new(Capability.CommandAndControl, "multinational force headquarters staff", 1, 1, 60, ReadinessLevel.Ready, "KYIV", 0, 12,
            Priority.Critical, [ForceTask.Deterrence, ForceTask.Training], RulesOfEngagement.ForceProtection, CommandArrangement.OperationalControl, true),
    ];

    /// <summary>Adds the demo statement unless it is there already.</summary>
    public static async Task AddToAsync(EntenteDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var lines = db.RequirementLines.IgnoreQueryFilters();
        if (await lines.AnyAsync(l => l.CreatedBy == Actor, cancellationToken))
        {
            return;
        }

        var number = (await lines.MaxAsync(l => (int?)l.Number, cancellationToken) ?? 0) + 1;
        foreach (var line in Build(number, now))
        {
            db.RequirementLines.Add(line);
        }
    }

    /// <summary>The demo lines, numbered from <paramref name="firstNumber"/>.</summary>
    public static IReadOnlyList<RequirementLine> Build(int firstNumber, DateTime now)
    {
        var today = DateOnly.FromDateTime(now);
        // The force deploys some months after the statement is drawn up: time for nations to bring offers to readiness.
        var start = new DateOnly(today.Year, today.Month, 1).AddMonths(5);
        var restricted = Label.Create(ClassificationLevels.Restricted, originator: DemoSeeder.SecretariatCode);
        var confidential = Label.Create(ClassificationLevels.Confidential, ["FRA", "GBR", "UKR"], originator: DemoSeeder.SecretariatCode);
        var actor = new ForcesActor(Actor, DemoSeeder.SecretariatCode);
        var built = new List<RequirementLine>();
        foreach (var (spec, i) in Specs.Select((s, i) => (s, i)))
        {
            var from = start.AddMonths(spec.StartMonth);
            var details = new RequirementDetails(spec.Capability, spec.UnitType, spec.Minimum, spec.Desired, spec.Notice, spec.Readiness, spec.Sector,
                from, from.AddMonths(spec.Months).AddDays(-1), spec.Priority, spec.Tasks, spec.Roe, spec.Command, spec.Notes);
            var created = RequirementLine.Create(firstNumber + i, details, spec.Confidential ? confidential : restricted, actor, now);
            built.Add(created.IsSuccess ? created.Value! : throw new InvalidOperationException($"Demo requirement {spec.UnitType}: {created.Error!.Detail}"));
        }

        return built;
    }
}
