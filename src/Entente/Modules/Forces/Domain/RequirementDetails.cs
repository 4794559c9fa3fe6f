using Entente.Infrastructure.Problems;
using Entente.Infrastructure.Text;

namespace Entente.Modules.Forces.Domain;

/// <summary>Whether a requirement line still asks for forces.</summary>
public enum RequirementStatus
{
    Active,
    Withdrawn,
}

/// <summary>
/// What a requirement line asks for, as the Secretariat writes it: the capability and unit type, how many units at
/// least and at best, how fast and how ready, where, when, how urgently, for which tasks, and under which rules of
/// engagement and command arrangement. <see cref="Check"/> turns raw input into checked, normalised details.
/// </summary>
/// <param name="Capability">The capability; the line's component follows from it.</param>
/// <param name="UnitType">Free text naming the unit asked for, e.g. "mechanised infantry battalion".</param>
/// <param name="MinimumQuantity">Units without which the line counts as unfilled; at least 1.</param>
/// <param name="DesiredQuantity">Units the force plan would like; at least <paramref name="MinimumQuantity"/>.</param>
/// <param name="NoticeToMoveDays">Days between the order and the unit moving; an offer must move in this many days or fewer.</param>
/// <param name="MinimumReadiness">The least UN PCRS readiness level an offer must have reached.</param>
/// <param name="SectorCode">A code of <see cref="ForceSectors"/>, upper case once checked.</param>
/// <param name="StartsOn">First day the unit is needed.</param>
/// <param name="EndsOn">Last day the unit is needed; after <paramref name="StartsOn"/>.</param>
/// <param name="Priority">How urgently the line must be filled.</param>
/// <param name="Tasks">The tasks the unit must be free to perform; at least one, distinct, in enum order once checked.</param>
/// <param name="RequiredRoe">The least permissive rules of engagement an offer may bring.</param>
/// <param name="RequiredCommand">The least authority an offer's nation must give the coalition commander.</param>
/// <param name="Notes">Anything the force planners want offering nations to know.</param>
public sealed record RequirementDetails(
    Capability Capability,
    string UnitType,
    int MinimumQuantity,
    int DesiredQuantity,
    int NoticeToMoveDays,
    ReadinessLevel MinimumReadiness,
    string SectorCode,
    DateOnly StartsOn,
    DateOnly EndsOn,
    Priority Priority,
    IReadOnlyList<ForceTask> Tasks,
    RulesOfEngagement RequiredRoe,
    CommandArrangement RequiredCommand,
    string? Notes)
{
    public const int MaxUnitTypeLength = 200;
    public const int MaxNotesLength = 2000;

    /// <summary>A line asks for at most this many units; beyond it the line should be split.</summary>
    public const int MaxQuantity = 10_000;

    /// <summary>A notice to move of more than a year is not readiness but planning.</summary>
    public const int MaxNoticeToMoveDays = 365;

    public ForceComponent Component => ForcesVocabulary.ComponentOf(Capability);

    /// <summary>Days the line covers, both ends included.</summary>
    public int PeriodDays => EndsOn.DayNumber - StartsOn.DayNumber + 1;

    /// <summary>
    /// Checks every rule a line must keep and returns the details normalised (text trimmed, sector upper case, tasks
    /// distinct and ordered), or the first rule broken as a named error. Sector rules: a maritime capability (mine
    /// countermeasures, maritime security) works at sea, so it needs a maritime sector; land forces and the ground
    /// enablers (logistics, medical, engineering, demining, training ...) need a land sector or the whole theatre; air
    /// capabilities and ISR fly over land and sea alike, so any sector serves them. A line that asks for patrolling
    /// near the line of contact must lie in a sector that touches it, or in the whole theatre.
    /// </summary>
    public Result<RequirementDetails> Check()
    {
        if (!Enum.IsDefined(Capability))
        {
            return DomainError.Invalid("capability", "Unknown capability.");
        }

        if (!Enum.IsDefined(MinimumReadiness) || !Enum.IsDefined(Priority) || !Enum.IsDefined(RequiredRoe) || !Enum.IsDefined(RequiredCommand))
        {
            return DomainError.Invalid("body", "A readiness level, priority, rules of engagement or command arrangement is not one of the known values.");
        }

        var unitType = PlainText.Check("unitType", UnitType, MaxUnitTypeLength, required: true);
        if (!unitType.IsSuccess)
        {
            return unitType.Error!;
        }

        var notes = PlainText.Check("notes", Notes, MaxNotesLength, multiline: true);
        if (!notes.IsSuccess)
        {
            return notes.Error!;
        }

        if (MinimumQuantity < 1 || MinimumQuantity > MaxQuantity)
        {
            return RequirementErrors.QuantityOutOfRange("minimumQuantity", MinimumQuantity);
        }

        if (DesiredQuantity < 1 || DesiredQuantity > MaxQuantity)
        {
            return RequirementErrors.QuantityOutOfRange("desiredQuantity", DesiredQuantity);
        }

        if (DesiredQuantity < MinimumQuantity)
        {
            return RequirementErrors.DesiredBelowMinimum(MinimumQuantity, DesiredQuantity);
        }

        if (NoticeToMoveDays < 1 || NoticeToMoveDays > MaxNoticeToMoveDays)
        {
            return RequirementErrors.NoticeToMoveOutOfRange(NoticeToMoveDays);
        }

        if (EndsOn <= StartsOn)
        {
            return RequirementErrors.PeriodInverted(StartsOn, EndsOn);
        }

        if (ForceSectors.Find(SectorCode?.Trim()) is not { } sector)
        {
            return RequirementErrors.UnknownSector(SectorCode);
        }

        if (SectorError(Capability, sector) is { } sectorError)
        {
            return sectorError;
        }

        var tasks = (Tasks ?? []).Distinct().Order().ToList();
        if (tasks.Count == 0)
        {
            return RequirementErrors.NoTasks;
        }

        if (tasks.Any(t => !Enum.IsDefined(t)))
        {
            return DomainError.Invalid("tasks", "A task is not one of the known tasks.");
        }

        if (tasks.Contains(ForceTask.PatrollingNearLine) && !sector.NearLine && sector.Code != ForceSectors.Theatre)
        {
            return RequirementErrors.NearLineTaskAway(sector);
        }

        return this with
        {
            UnitType = unitType.Value!,
            Notes = notes.Value,
            SectorCode = sector.Code,
            Tasks = tasks,
        };
    }

    /// <summary>Why <paramref name="capability"/> cannot serve in <paramref name="sector"/>, or null when it can.</summary>
    public static DomainError? SectorError(Capability capability, ForceSector sector)
    {
        ArgumentNullException.ThrowIfNull(sector);
        var component = ForcesVocabulary.ComponentOf(capability);
        if (component == ForceComponent.Maritime)
        {
            return sector.Maritime ? null : RequirementErrors.SectorMismatch(capability, sector, "a maritime capability needs a maritime sector");
        }

        var flies = component == ForceComponent.Air || capability == Capability.Isr;
        return sector.Maritime && !flies
            ? RequirementErrors.SectorMismatch(capability, sector, "it serves on land: choose a land sector or THEATRE")
            : null;
    }
}

/// <summary>The named errors of the statement of requirements; their codes are the problem types clients compare.</summary>
public static class RequirementErrors
{
    public static DomainError NotFound { get; } = DomainError.NotFound("The requirement line");

    public static DomainError NoTasks { get; } = new(
        "forces.requirement-without-tasks",
        "Name at least one task the unit must perform (for example deterrence, patrolling, training).",
        ErrorKind.Validation,
        "tasks");

    public static DomainError QuantityOutOfRange(string field, int quantity) => new(
        "forces.quantity-out-of-range",
        $"A quantity of {quantity} units cannot be asked for: give a whole number from 1 to {RequirementDetails.MaxQuantity:N0}.",
        ErrorKind.Validation,
        field);

    public static DomainError DesiredBelowMinimum(int minimum, int desired) => new(
        "forces.desired-below-minimum",
        $"The desired quantity ({desired}) cannot be below the minimum ({minimum}): the minimum is what the line cannot do without, the desired what it would like.",
        ErrorKind.Validation,
        "desiredQuantity");

    public static DomainError NoticeToMoveOutOfRange(int days) => new(
        "forces.notice-to-move-out-of-range",
        $"A notice to move of {days} days is not possible: give from 1 to {RequirementDetails.MaxNoticeToMoveDays} days.",
        ErrorKind.Validation,
        "noticeToMoveDays");

    public static DomainError PeriodInverted(DateOnly start, DateOnly end) => new(
        "forces.period-inverted",
        $"The period ends on {end:yyyy-MM-dd}, which is not after its start on {start:yyyy-MM-dd}. Give an end date after the start date.",
        ErrorKind.Validation,
        "endsOn");

    public static DomainError UnknownSector(string? code) => new(
        "forces.unknown-sector",
        $"There is no sector '{PlainText.Shorten(code, 24)}'. Use one of: {string.Join(", ", ForceSectors.All.Select(s => s.Code))} (GET /api/v1/force-sectors lists them).",
        ErrorKind.Validation,
        "sectorCode");

    public static DomainError SectorMismatch(Capability capability, ForceSector sector, string why) => new(
        "forces.sector-mismatch",
        $"A {capability} line cannot be placed in {sector.Code} ({sector.Name}): {why}.",
        ErrorKind.Validation,
        "sectorCode");

    public static DomainError NearLineTaskAway(ForceSector sector) => new(
        "forces.near-line-task-away-from-line",
        $"Patrolling near the line of contact cannot be asked for in {sector.Code} ({sector.Name}), which does not touch the line. Choose a sector on the line (EAST, SOUTH) or THEATRE, or ask for patrolling instead.",
        ErrorKind.Validation,
        "tasks");

    public static DomainError VersionConflict(string code, int current) => new(
        "forces.requirement-version-conflict",
        $"Requirement line {code} was changed by someone else (it is now at version {current}). Reload it, check the changes and revise again.",
        ErrorKind.Conflict,
        "expectedVersion");

    public static DomainError Withdrawn(string code) => new(
        "forces.requirement-withdrawn",
        $"Requirement line {code} is withdrawn and cannot change. Create a new line if the force still needs it.",
        ErrorKind.Conflict,
        "status");

    public static DomainError Unchanged(string code) => new(
        "forces.requirement-unchanged",
        $"The revision changes nothing in requirement line {code}; nothing was stored.",
        ErrorKind.RuleViolation);
}
