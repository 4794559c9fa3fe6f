namespace Entente.Modules.Forces.Domain;

/// <summary>
/// A capability a requirement line asks for and an offer provides. An offer can only fill a line of the same
/// capability; the component (land, air, maritime, enabler) follows from it, see <see cref="ForcesVocabulary.ComponentOf"/>.
/// </summary>
public enum Capability
{
    // Land
    MechanisedInfantry,
    LightInfantry,
    Armour,
    Artillery,
    SpecialOperations,
    MilitaryPolice,

    // Air
    AirPolicing,
    AirTransport,
    Helicopters,
    AirToAirRefuelling,

    // Maritime
    MaritimeSecurity,
    MineCountermeasures,

    // Enablers
    Logistics,
    Isr,
    Medical,
    Engineering,
    Demining,
    AirDefence,
    Training,
    Cyber,
    CommandAndControl,
    Communications,
}

/// <summary>The force component a capability belongs to; the statement of requirements is grouped by it.</summary>
public enum ForceComponent
{
    Land,
    Air,
    Maritime,
    Enabler,
}

/// <summary>
/// How urgently a line must be filled. The solver weighs coverage by <see cref="ForcesVocabulary.WeightOf"/>, so one
/// critical line outweighs any mix of fewer than eight low-priority ones.
/// </summary>
public enum Priority
{
    Critical,
    High,
    Medium,
    Low,
}

/// <summary>
/// Readiness of an offer in the manner of the UN Peacekeeping Capability Readiness System: level 1 registered,
/// level 2 assessed (visited and checked), level 3 ready (equipment and personnel certified), then rapid deployment.
/// Ordered: a later value is more ready.
/// </summary>
public enum ReadinessLevel
{
    Registered,
    Assessed,
    Ready,
    RapidDeployment,
}

/// <summary>Tasks a line asks the unit to perform; an offer's task caveat lists the ones its nation refuses.</summary>
public enum ForceTask
{
    Deterrence,
    Combat,
    Patrolling,
    PatrollingNearLine,
    Training,
    Logistics,
    Surveillance,
    AirPolicing,
    MaritimeEscort,
    Demining,
    Medical,
    Reconstruction,
}

/// <summary>Rules of engagement, ordered from the least to the most permissive use of force.</summary>
public enum RulesOfEngagement
{
    SelfDefenceOnly,
    ForceProtection,
    MissionDefence,
}

/// <summary>Command arrangements, ordered from the least to the most authority given to the coalition commander.</summary>
public enum CommandArrangement
{
    NationalCommandOnly,
    TacticalControl,
    OperationalControl,
}

/// <summary>A condition that must hold for an offer to stand; scenarios switch them on and off.</summary>
public enum ConditionKind
{
    /// <summary>A ceasefire agreement is in force.</summary>
    CeasefireInForce,

    /// <summary>The United States backstops the force (air cover, intelligence, logistics).</summary>
    UsBackstop,

    /// <summary>A UN Security Council mandate.</summary>
    UnMandate,

    /// <summary>A mandate from another organisation (the EU, the OSCE ...), named in the condition's text.</summary>
    OtherMandate,

    /// <summary>The offering member's parliament has approved the deployment.</summary>
    ParliamentaryApproval,

    /// <summary>Another named member takes part in the force (at least one of its offers is used).</summary>
    MemberParticipation,
}

/// <summary>Derived facts about the vocabulary, kept beside it so pages, API and solver agree.</summary>
public static class ForcesVocabulary
{
    public static ForceComponent ComponentOf(Capability capability) => capability switch
    {
        Capability.MechanisedInfantry or Capability.LightInfantry or Capability.Armour or Capability.Artillery
            or Capability.SpecialOperations or Capability.MilitaryPolice => ForceComponent.Land,
        Capability.AirPolicing or Capability.AirTransport or Capability.Helicopters or Capability.AirToAirRefuelling
            => ForceComponent.Air,
        Capability.MaritimeSecurity or Capability.MineCountermeasures => ForceComponent.Maritime,
        Capability.Logistics or Capability.Isr or Capability.Medical or Capability.Engineering or Capability.Demining
            or Capability.AirDefence or Capability.Training or Capability.Cyber or Capability.CommandAndControl
            or Capability.Communications => ForceComponent.Enabler,
        _ => throw new ArgumentOutOfRangeException(nameof(capability), capability, null),
    };

    /// <summary>Objective weight of one unit of coverage on a line of this priority.</summary>
    public static int WeightOf(Priority priority) => priority switch
    {
        Priority.Critical => 8,
        Priority.High => 4,
        Priority.Medium => 2,
        Priority.Low => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(priority), priority, null),
    };

    /// <summary>The UN PCRS level number shown beside the name (1, 2, 3; rapid deployment is "RDL").</summary>
    public static string LevelCode(ReadinessLevel level) => level switch
    {
        ReadinessLevel.Registered => "1",
        ReadinessLevel.Assessed => "2",
        ReadinessLevel.Ready => "3",
        ReadinessLevel.RapidDeployment => "RDL",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };
}
