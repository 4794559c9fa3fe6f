using System.Globalization;
using Entente.Components.Shared;
using Entente.Infrastructure.Text;
using Entente.Modules.Forces.Domain;
using Entente.Modules.Forces.Features.Requirements;
using Entente.Modules.Registry.Contracts;

namespace Entente.Modules.Forces.Pages.Requirements;

/// <summary>What the create and revise form posts; property names follow the API so errors land on the right field.</summary>
public sealed class RequirementFormModel
{
    public Capability Capability { get; set; } = Capability.MechanisedInfantry;

    public string UnitType { get; set; } = "";

    public int? MinimumQuantity { get; set; }

    public int? DesiredQuantity { get; set; }

    public int? NoticeToMoveDays { get; set; }

    public ReadinessLevel MinimumReadiness { get; set; } = ReadinessLevel.Ready;

    public string SectorCode { get; set; } = "";

    public DateOnly? StartsOn { get; set; }

    public DateOnly? EndsOn { get; set; }

    public Priority Priority { get; set; } = Priority.Medium;

    /// <summary>Task names as the enum spells them. A form that ticks none posts nothing, which binds as null.</summary>
    public List<string> Tasks
    {
        get;
        set => field = value ?? [];
    } = [];

    public RulesOfEngagement RequiredRoe { get; set; } = RulesOfEngagement.SelfDefenceOnly;

    public CommandArrangement RequiredCommand { get; set; } = CommandArrangement.NationalCommandOnly;

    public string? Notes { get; set; }

    public LabelFormModel Label { get; set; } = new();

    /// <summary>Why the line is revised; the revise form only.</summary>
    public string? Reason { get; set; }

    /// <summary>The version the revise form was made from.</summary>
    public int? ExpectedVersion { get; set; }

    public static RequirementFormModel From(RequirementLine line, PolicySnapshot policy)
    {
        ArgumentNullException.ThrowIfNull(line);
        return new RequirementFormModel
        {
            Capability = line.Capability,
            UnitType = line.UnitType,
            MinimumQuantity = line.MinimumQuantity,
            DesiredQuantity = line.DesiredQuantity,
            NoticeToMoveDays = line.NoticeToMoveDays,
            MinimumReadiness = line.MinimumReadiness,
            SectorCode = line.SectorCode,
            StartsOn = line.StartsOn,
            EndsOn = line.EndsOn,
            Priority = line.Priority,
            Tasks = [.. line.Tasks.Select(t => t.ToString())],
            RequiredRoe = line.RequiredRoe,
            RequiredCommand = line.RequiredCommand,
            Notes = line.Notes,
            Label = LabelFormModel.From(line.Label, policy),
            ExpectedVersion = line.Version,
        };
    }

    /// <summary>The ticked tasks; names that are not tasks are dropped (the form offers only tasks).</summary>
    public List<ForceTask> ParsedTasks() =>
        [.. Tasks.Select(t => EnumText.TryParseRequired<ForceTask>(t, out var task) ? (ForceTask?)task : null).OfType<ForceTask>()];

    public CreateRequirementRequest ToCreateRequest() => new()
    {
        Capability = Capability,
        UnitType = UnitType,
        MinimumQuantity = MinimumQuantity,
        DesiredQuantity = DesiredQuantity,
        NoticeToMoveDays = NoticeToMoveDays,
        MinimumReadiness = MinimumReadiness,
        SectorCode = SectorCode,
        StartsOn = StartsOn,
        EndsOn = EndsOn,
        Priority = Priority,
        Tasks = ParsedTasks(),
        RequiredRoe = RequiredRoe,
        RequiredCommand = RequiredCommand,
        Notes = Notes,
        Label = Label.ToInput(),
    };

    public ReviseRequirementRequest ToReviseRequest() => new()
    {
        Capability = Capability,
        UnitType = UnitType,
        MinimumQuantity = MinimumQuantity,
        DesiredQuantity = DesiredQuantity,
        NoticeToMoveDays = NoticeToMoveDays,
        MinimumReadiness = MinimumReadiness,
        SectorCode = SectorCode,
        StartsOn = StartsOn,
        EndsOn = EndsOn,
        Priority = Priority,
        Tasks = ParsedTasks(),
        RequiredRoe = RequiredRoe,
        RequiredCommand = RequiredCommand,
        Notes = Notes,
        Label = Label.ToInput(),
        Reason = Reason ?? "",
        ExpectedVersion = ExpectedVersion,
    };
}

/// <summary>The withdraw form on a line's page.</summary>
public sealed class WithdrawFormModel
{
    public string? Reason { get; set; }

    public int? ExpectedVersion { get; set; }
}

/// <summary>How the requirement pages write the vocabulary.</summary>
public static class RequirementFormat
{
    public static string Words(Enum value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var name = value.ToString();
        var words = new System.Text.StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && words.Length > 0)
            {
                words.Append(' ');
                words.Append(char.ToLowerInvariant(c));
            }
            else
            {
                words.Append(c);
            }
        }

        return words.ToString();
    }

    public static string Capability(Capability capability) => capability switch
    {
        Domain.Capability.Isr => "ISR",
        Domain.Capability.AirToAirRefuelling => "Air-to-air refuelling",
        _ => Words(capability),
    };

    public static string Readiness(ReadinessLevel level) => $"{ForcesVocabulary.LevelCode(level)} · {Words(level).ToLowerInvariant()}";

    public static string Day(DateOnly day) => day.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public static string PriorityClass(Priority priority) => priority switch
    {
        Priority.Critical => "pill pill-bad",
        Priority.High => "pill req-priority-high",
        Priority.Medium => "pill",
        Priority.Low => "pill pill-former",
        _ => "pill",
    };

    /// <summary>The wire name of an enum value, as the API and query strings spell it.</summary>
    public static string Wire(Enum value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}
