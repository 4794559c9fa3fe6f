using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Infrastructure.Text;

namespace Entente.Modules.Forces.Domain;

/// <summary>Who changes a requirement line: a user name (or system actor) and the member the user belongs to.</summary>
public readonly record struct ForcesActor(string Name, string? Member);

/// <summary>
/// One line of the statement of requirements (the CJSOR idea): a capability the reassurance force needs, how many
/// units, how ready, where, when and for what. Invariants: the details keep the rules of
/// <see cref="RequirementDetails.Check"/> (0 &lt; minimum ≤ desired, end after start, a known sector that suits the
/// capability, at least one task); the code (<c>R-001</c> ...) never changes; a withdrawn line stays withdrawn and
/// cannot be revised; every change raises <see cref="Version"/> (also the optimistic concurrency token) and appends a
/// <see cref="RequirementVersion"/> that keeps the line as it then stood, so no earlier version is ever lost.
/// </summary>
public sealed class RequirementLine : ILabelled
{
    public const int MaxReasonLength = 1000;

    private readonly List<RequirementVersion> _versions = [];

    private RequirementLine()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>Order of creation, from 1; the code is made from it.</summary>
    public int Number { get; private set; }

    /// <summary>Stable human code, <c>R-</c> and the number in at least three digits.</summary>
    public string Code { get; private set; } = "";

    public Capability Capability { get; private set; }

    /// <summary>Derived from <see cref="Capability"/>; stored so lists filter and group by it in the query.</summary>
    public ForceComponent Component { get; private set; }

    public string UnitType { get; private set; } = "";

    /// <summary>Units, at least 1.</summary>
    public int MinimumQuantity { get; private set; }

    /// <summary>Units, at least <see cref="MinimumQuantity"/>.</summary>
    public int DesiredQuantity { get; private set; }

    /// <summary>Days; an offer fits when its own notice to move is this or shorter.</summary>
    public int NoticeToMoveDays { get; private set; }

    public ReadinessLevel MinimumReadiness { get; private set; }

    /// <summary>A code of <see cref="ForceSectors"/>.</summary>
    public string SectorCode { get; private set; } = "";

    public DateOnly StartsOn { get; private set; }

    /// <summary>Last day needed, included; after <see cref="StartsOn"/>.</summary>
    public DateOnly EndsOn { get; private set; }

    public Priority Priority { get; private set; }

    /// <summary>The tasks as stored: enum names separated by commas, in enum order.</summary>
    public string TaskCodes { get; private set; } = "";

    public RulesOfEngagement RequiredRoe { get; private set; }

    public CommandArrangement RequiredCommand { get; private set; }

    public string? Notes { get; private set; }

    public RequirementStatus Status { get; private set; }

    public string? WithdrawalReason { get; private set; }

    /// <summary>UTC.</summary>
    public DateTime? WithdrawnAt { get; private set; }

    public Label Label { get; private set; } = Label.Public;

    /// <summary>Grows by one with every change; the optimistic concurrency token and the number of the latest version.</summary>
    public int Version { get; private set; }

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; private set; }

    public string CreatedBy { get; private set; } = "";

    /// <summary>UTC.</summary>
    public DateTime UpdatedAt { get; private set; }

    public IReadOnlyList<RequirementVersion> Versions => _versions;

    /// <summary>The tasks the unit must be free to perform, in enum order.</summary>
    public IReadOnlyList<ForceTask> Tasks => ParseTasks(TaskCodes);

    public ForceSector Sector => ForceSectors.Find(SectorCode) ?? throw new InvalidOperationException($"Sector {SectorCode} is not in the catalogue.");

    /// <summary>Days the line covers, both ends included.</summary>
    public int PeriodDays => EndsOn.DayNumber - StartsOn.DayNumber + 1;

    public bool IsActive => Status == RequirementStatus.Active;

    public RequirementDetails Details => new(Capability, UnitType, MinimumQuantity, DesiredQuantity, NoticeToMoveDays, MinimumReadiness,
        SectorCode, StartsOn, EndsOn, Priority, Tasks, RequiredRoe, RequiredCommand, Notes);

    /// <summary>The code of the line numbered <paramref name="number"/>.</summary>
    public static string CodeFor(int number) => "R-" + number.ToString("D3", CultureInfo.InvariantCulture);

    /// <summary>Adds an active line; its creation is version 1.</summary>
    public static Result<RequirementLine> Create(int number, RequirementDetails details, Label label, ForcesActor actor, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(label);
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        var checkedDetails = details.Check();
        if (!checkedDetails.IsSuccess)
        {
            return checkedDetails.Error!;
        }

        var line = new RequirementLine
        {
            Id = Guid.CreateVersion7(now),
            Number = number,
            Code = CodeFor(number),
            Status = RequirementStatus.Active,
            CreatedAt = now,
            CreatedBy = actor.Name,
        };
        line.Apply(checkedDetails.Value!, label);
        line.AddVersion("created", null, [], actor, now);
        return line;
    }

    /// <summary>
    /// Replaces what the line asks for, with a reason; the line as it stood stays in <see cref="Versions"/>. Refused when
    /// the line is withdrawn, or when nothing would change.
    /// </summary>
    public Result Revise(RequirementDetails details, Label label, string? reason, ForcesActor actor, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(label);
        if (!IsActive)
        {
            return RequirementErrors.Withdrawn(Code);
        }

        var checkedReason = PlainText.Check("reason", reason, MaxReasonLength, required: true, multiline: true);
        if (!checkedReason.IsSuccess)
        {
            return checkedReason.Error!;
        }

        var checkedDetails = details.Check();
        if (!checkedDetails.IsSuccess)
        {
            return checkedDetails.Error!;
        }

        var changes = Differences(Details, Label, checkedDetails.Value!, label);
        if (changes.Count == 0)
        {
            return RequirementErrors.Unchanged(Code);
        }

        Apply(checkedDetails.Value!, label);
        AddVersion("revised", checkedReason.Value, changes, actor, now);
        return Result.Success;
    }

    /// <summary>Takes the line out of the statement, with a reason; it stays on record, withdrawn, and cannot come back.</summary>
    public Result Withdraw(string? reason, ForcesActor actor, DateTime now)
    {
        if (!IsActive)
        {
            return RequirementErrors.Withdrawn(Code);
        }

        var checkedReason = PlainText.Check("reason", reason, MaxReasonLength, required: true, multiline: true);
        if (!checkedReason.IsSuccess)
        {
            return checkedReason.Error!;
        }

        Status = RequirementStatus.Withdrawn;
        WithdrawalReason = checkedReason.Value;
        WithdrawnAt = now;
        AddVersion("withdrawn", checkedReason.Value, ["status: active → withdrawn"], actor, now);
        return Result.Success;
    }

    /// <summary>The line as JSON, as a version keeps it.</summary>
    public string Snapshot() => JsonSerializer.Serialize(new RequirementSnapshot(Code, Capability, Component, UnitType, MinimumQuantity,
        DesiredQuantity, NoticeToMoveDays, MinimumReadiness, SectorCode, StartsOn, EndsOn, Priority, Tasks, RequiredRoe, RequiredCommand, Notes,
        Status, WithdrawalReason, Label.Classification, Label.ReleasableToCodes, Label.Originator), RequirementSnapshot.Json);

    /// <summary>One readable line per field that differs, "field: before → after".</summary>
    public static IReadOnlyList<string> Differences(RequirementDetails before, Label beforeLabel, RequirementDetails after, Label afterLabel)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(beforeLabel);
        ArgumentNullException.ThrowIfNull(afterLabel);
        var changes = new List<string>();
        void Compare<T>(string name, T a, T b, Func<T, string>? show = null)
        {
            if (!EqualityComparer<T>.Default.Equals(a, b))
            {
                show ??= v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "—";
                changes.Add($"{name}: {show(a)} → {show(b)}");
            }
        }

        Compare("capability", before.Capability, after.Capability);
        Compare("unit type", before.UnitType, after.UnitType);
        Compare("minimum quantity", before.MinimumQuantity, after.MinimumQuantity);
        Compare("desired quantity", before.DesiredQuantity, after.DesiredQuantity);
        Compare("notice to move (days)", before.NoticeToMoveDays, after.NoticeToMoveDays);
        Compare("minimum readiness", before.MinimumReadiness, after.MinimumReadiness);
        Compare("sector", before.SectorCode, after.SectorCode);
        Compare("start", before.StartsOn, after.StartsOn, d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Compare("end", before.EndsOn, after.EndsOn, d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Compare("priority", before.Priority, after.Priority);
        Compare("tasks", FormatTasks(before.Tasks), FormatTasks(after.Tasks), t => t.Length == 0 ? "—" : t.Replace(",", ", ", StringComparison.Ordinal));
        Compare("rules of engagement", before.RequiredRoe, after.RequiredRoe);
        Compare("command arrangement", before.RequiredCommand, after.RequiredCommand);
        Compare("notes", before.Notes ?? "", after.Notes ?? "", n => n.Length == 0 ? "—" : PlainText.Shorten(n, 80));
        if (beforeLabel != afterLabel)
        {
            changes.Add("label changed");
        }

        return changes;
    }

    public static string FormatTasks(IEnumerable<ForceTask> tasks) => string.Join(',', tasks.Distinct().Order().Select(t => t.ToString()));

    public static IReadOnlyList<ForceTask> ParseTasks(string codes) =>
        string.IsNullOrEmpty(codes) ? [] : [.. codes.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(c => Enum.Parse<ForceTask>(c, ignoreCase: false))];

    private void Apply(RequirementDetails details, Label label)
    {
        Capability = details.Capability;
        Component = details.Component;
        UnitType = details.UnitType;
        MinimumQuantity = details.MinimumQuantity;
        DesiredQuantity = details.DesiredQuantity;
        NoticeToMoveDays = details.NoticeToMoveDays;
        MinimumReadiness = details.MinimumReadiness;
        SectorCode = details.SectorCode;
        StartsOn = details.StartsOn;
        EndsOn = details.EndsOn;
        Priority = details.Priority;
        TaskCodes = FormatTasks(details.Tasks);
        RequiredRoe = details.RequiredRoe;
        RequiredCommand = details.RequiredCommand;
        Notes = details.Notes;
        Label = label;
    }

    private void AddVersion(string change, string? reason, IReadOnlyList<string> changes, ForcesActor actor, DateTime now)
    {
        Version++;
        UpdatedAt = now;
        _versions.Add(new RequirementVersion(Id, Version, change, reason, string.Join('\n', changes), actor, now, Snapshot()));
    }
}

/// <summary>The line as a version keeps it: every field, so any earlier version can be read back whole.</summary>
public sealed record RequirementSnapshot(
    string Code, Capability Capability, ForceComponent Component, string UnitType, int MinimumQuantity, int DesiredQuantity,
    int NoticeToMoveDays, ReadinessLevel MinimumReadiness, string SectorCode, DateOnly StartsOn, DateOnly EndsOn, Priority Priority,
    IReadOnlyList<ForceTask> Tasks, RulesOfEngagement RequiredRoe, CommandArrangement RequiredCommand, string? Notes,
    RequirementStatus Status, string? WithdrawalReason, int Classification, IReadOnlyList<string> ReleasableTo, string? Originator)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}

/// <summary>
/// A requirement line as it stood after one change: what happened (<c>created</c>, <c>revised</c>, <c>withdrawn</c>),
/// who, when, why, the fields that changed, and the whole line as JSON. Versions are only ever appended.
/// </summary>
public sealed class RequirementVersion
{
    private RequirementVersion()
    {
    }

    internal RequirementVersion(Guid lineId, int number, string change, string? reason, string changes, ForcesActor actor, DateTime at, string snapshot)
    {
        Id = Guid.CreateVersion7(at);
        RequirementLineId = lineId;
        Number = number;
        Change = change;
        Reason = reason;
        Changes = changes;
        By = actor.Name;
        ByMember = actor.Member;
        At = at;
        Snapshot = snapshot;
    }

    public Guid Id { get; private set; }

    public Guid RequirementLineId { get; private set; }

    /// <summary>From 1; equals the line's <see cref="RequirementLine.Version"/> after the change.</summary>
    public int Number { get; private set; }

    public string Change { get; private set; } = "";

    public string? Reason { get; private set; }

    /// <summary>"field: before → after", one per line; empty for the creation.</summary>
    public string Changes { get; private set; } = "";

    public string By { get; private set; } = "";

    public string? ByMember { get; private set; }

    /// <summary>UTC.</summary>
    public DateTime At { get; private set; }

    /// <summary>The line after the change, as JSON (<see cref="RequirementSnapshot"/>).</summary>
    public string Snapshot { get; private set; } = "";

    public IReadOnlyList<string> ChangeList => Changes.Length == 0 ? [] : Changes.Split('\n');

    public RequirementSnapshot? Read() => JsonSerializer.Deserialize<RequirementSnapshot>(Snapshot, RequirementSnapshot.Json);
}
