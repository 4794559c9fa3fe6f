using System.ComponentModel.DataAnnotations;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Infrastructure.Text;
using Entente.Modules.Forces.Domain;
using Entente.Modules.Registry.Contracts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Forces.Features.Requirements;

/// <summary>What a requirement line asks for, as a client sends it on creation and on revision.</summary>
public record RequirementInput
{
    [Required]
    public Capability? Capability { get; init; }

    /// <summary>Free text naming the unit, e.g. "mechanised infantry battalion".</summary>
    [Required]
    [StringLength(RequirementDetails.MaxUnitTypeLength)]
    public string UnitType { get; init; } = "";

    /// <summary>Units without which the line is unfilled; at least 1.</summary>
    [Required]
    public int? MinimumQuantity { get; init; }

    /// <summary>Units the force would like; at least the minimum.</summary>
    [Required]
    public int? DesiredQuantity { get; init; }

    /// <summary>Days from the order to the unit moving, 1 to 365.</summary>
    [Required]
    public int? NoticeToMoveDays { get; init; }

    /// <summary>The least UN PCRS readiness level an offer must have reached.</summary>
    [Required]
    public ReadinessLevel? MinimumReadiness { get; init; }

    /// <summary>A sector code of <c>GET /force-sectors</c>.</summary>
    [Required]
    [StringLength(16)]
    public string SectorCode { get; init; } = "";

    [Required]
    public DateOnly? StartsOn { get; init; }

    /// <summary>Last day needed; after the start.</summary>
    [Required]
    public DateOnly? EndsOn { get; init; }

    [Required]
    public Priority? Priority { get; init; }

    /// <summary>At least one task the unit must be free to perform.</summary>
    public IReadOnlyList<ForceTask>? Tasks { get; init; }

    /// <summary>The least permissive rules of engagement an offer may bring; self-defence only when absent.</summary>
    public RulesOfEngagement? RequiredRoe { get; init; }

    /// <summary>The least authority the coalition commander needs; national command only when absent.</summary>
    public CommandArrangement? RequiredCommand { get; init; }

    [StringLength(RequirementDetails.MaxNotesLength)]
    public string? Notes { get; init; }

    /// <summary>The details to hand to the domain, or the first required field missing.</summary>
    public Result<RequirementDetails> ToDetails()
    {
        if (Capability is not { } capability)
        {
            return DomainError.Invalid("capability", "Give the capability the line asks for.");
        }

        if (MinimumQuantity is not { } minimum || DesiredQuantity is not { } desired)
        {
            return DomainError.Invalid(MinimumQuantity is null ? "minimumQuantity" : "desiredQuantity", "Give the minimum and the desired quantity.");
        }

        if (NoticeToMoveDays is not { } notice)
        {
            return DomainError.Invalid("noticeToMoveDays", "Give the notice to move, in days.");
        }

        if (MinimumReadiness is not { } readiness)
        {
            return DomainError.Invalid("minimumReadiness", "Give the minimum readiness level (registered, assessed, ready or rapidDeployment).");
        }

        if (StartsOn is not { } start || EndsOn is not { } end)
        {
            return DomainError.Invalid(StartsOn is null ? "startsOn" : "endsOn", "Give the period: the first and the last day the unit is needed.");
        }

        if (Priority is not { } priority)
        {
            return DomainError.Invalid("priority", "Give the priority (critical, high, medium or low).");
        }

        return new RequirementDetails(capability, UnitType, minimum, desired, notice, readiness, SectorCode, start, end, priority,
            Tasks ?? [], RequiredRoe ?? RulesOfEngagement.SelfDefenceOnly, RequiredCommand ?? CommandArrangement.NationalCommandOnly, Notes);
    }
}

/// <summary>The filters every requirement list and export shares.</summary>
public sealed record RequirementFilter
{
    /// <summary>land, air, maritime or enabler.</summary>
    [FromQuery(Name = "component")]
    [StringLength(16)]
    public string? Component { get; init; }

    [FromQuery(Name = "capability")]
    [StringLength(32)]
    public string? Capability { get; init; }

    /// <summary>critical, high, medium or low.</summary>
    [FromQuery(Name = "priority")]
    [StringLength(16)]
    public string? Priority { get; init; }

    /// <summary>A sector code.</summary>
    [FromQuery(Name = "sector")]
    [StringLength(16)]
    public string? Sector { get; init; }

    /// <summary>active (the default), withdrawn or all.</summary>
    [FromQuery(Name = "status")]
    [StringLength(16)]
    public string? Status { get; init; }

    /// <summary>The filters understood, or the first that is not, as a validation error.</summary>
    public Result<CheckedRequirementFilter> Check()
    {
        if (!EnumText.TryParse<ForceComponent>(Component, out var component))
        {
            return DomainError.Invalid("component", "Unknown component: use land, air, maritime or enabler.");
        }

        if (!EnumText.TryParse<Capability>(Capability, out var capability))
        {
            return DomainError.Invalid("capability", "Unknown capability.");
        }

        if (!EnumText.TryParse<Priority>(Priority, out var priority))
        {
            return DomainError.Invalid("priority", "Unknown priority: use critical, high, medium or low.");
        }

        string? sector = null;
        if (!string.IsNullOrWhiteSpace(Sector))
        {
            if (ForceSectors.Find(Sector.Trim()) is not { } found)
            {
                return RequirementErrors.UnknownSector(Sector);
            }

            sector = found.Code;
        }

        RequirementStatus? status = RequirementStatus.Active;
        if (string.Equals(Status?.Trim(), "all", StringComparison.OrdinalIgnoreCase))
        {
            status = null;
        }
        else if (!string.IsNullOrWhiteSpace(Status))
        {
            if (!EnumText.TryParseRequired<RequirementStatus>(Status, out var parsed))
            {
                return DomainError.Invalid("status", "Unknown status: use active, withdrawn or all.");
            }

            status = parsed;
        }

        return new CheckedRequirementFilter(component, capability, priority, sector, status);
    }
}

/// <summary>Requirement filters once understood; null means "any".</summary>
public sealed record CheckedRequirementFilter(
    ForceComponent? Component, Capability? Capability, Priority? Priority, string? Sector, RequirementStatus? Status)
{
    public IQueryable<RequirementLine> Apply(IQueryable<RequirementLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (Component is { } component)
        {
            lines = lines.Where(l => l.Component == component);
        }

        if (Capability is { } capability)
        {
            lines = lines.Where(l => l.Capability == capability);
        }

        if (Priority is { } priority)
        {
            lines = lines.Where(l => l.Priority == priority);
        }

        if (Sector is { } sector)
        {
            lines = lines.Where(l => l.SectorCode == sector);
        }

        if (Status is { } status)
        {
            lines = lines.Where(l => l.Status == status);
        }

        return lines;
    }

    /// <summary>The statement's order: by code, which is the order lines were written in.</summary>
    public static IQueryable<RequirementLine> Order(IQueryable<RequirementLine> lines) => lines.OrderBy(l => l.Number);
}

/// <summary>A requirement line in a list.</summary>
public sealed record RequirementSummary(
    Guid Id, string Code, Capability Capability, ForceComponent Component, string UnitType, int MinimumQuantity, int DesiredQuantity,
    int NoticeToMoveDays, ReadinessLevel MinimumReadiness, string SectorCode, DateOnly StartsOn, DateOnly EndsOn, Priority Priority,
    IReadOnlyList<ForceTask> Tasks, RulesOfEngagement RequiredRoe, CommandArrangement RequiredCommand, RequirementStatus Status,
    int Version, LabelView Label);

/// <summary>A requirement line with everything it says.</summary>
public sealed record RequirementDetail(
    Guid Id, string Code, Capability Capability, ForceComponent Component, string UnitType, int MinimumQuantity, int DesiredQuantity,
    int NoticeToMoveDays, ReadinessLevel MinimumReadiness, string SectorCode, string SectorName, DateOnly StartsOn, DateOnly EndsOn,
    int PeriodDays, Priority Priority, IReadOnlyList<ForceTask> Tasks, RulesOfEngagement RequiredRoe, CommandArrangement RequiredCommand,
    string? Notes, RequirementStatus Status, string? WithdrawalReason, DateTime? WithdrawnAt, int Version, LabelView Label,
    DateTime CreatedAt, string CreatedBy, DateTime UpdatedAt);

/// <summary>One version of a line: what happened, who, when, why, what changed, and the line as it then stood.</summary>
public sealed record RequirementVersionView(
    int Number, string Change, string? Reason, IReadOnlyList<string> Changes, string By, string? ByMember, DateTime At, RequirementSnapshot? Line);

/// <summary>A sector of the catalogue.</summary>
public sealed record ForceSectorView(string Code, string Name, IReadOnlyList<string> Oblasts, bool NearLine, bool Maritime);

/// <summary>Explicit mapping from requirement lines to what the API and the pages show.</summary>
public static class RequirementViews
{
    public static RequirementSummary Summary(RequirementLine line, PolicySnapshot policy)
    {
        ArgumentNullException.ThrowIfNull(line);
        return new RequirementSummary(line.Id, line.Code, line.Capability, line.Component, line.UnitType, line.MinimumQuantity,
            line.DesiredQuantity, line.NoticeToMoveDays, line.MinimumReadiness, line.SectorCode, line.StartsOn, line.EndsOn, line.Priority,
            line.Tasks, line.RequiredRoe, line.RequiredCommand, line.Status, line.Version, LabelView.From(line.Label, policy));
    }

    public static RequirementDetail Detail(RequirementLine line, PolicySnapshot policy)
    {
        ArgumentNullException.ThrowIfNull(line);
        return new RequirementDetail(line.Id, line.Code, line.Capability, line.Component, line.UnitType, line.MinimumQuantity,
            line.DesiredQuantity, line.NoticeToMoveDays, line.MinimumReadiness, line.SectorCode, line.Sector.Name, line.StartsOn, line.EndsOn,
            line.PeriodDays, line.Priority, line.Tasks, line.RequiredRoe, line.RequiredCommand, line.Notes, line.Status, line.WithdrawalReason,
            line.WithdrawnAt, line.Version, LabelView.From(line.Label, policy), line.CreatedAt, line.CreatedBy, line.UpdatedAt);
    }

    public static RequirementVersionView Version(RequirementVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return new RequirementVersionView(version.Number, version.Change, version.Reason, version.ChangeList, version.By, version.ByMember,
            version.At, version.Read());
    }

    public static ForceSectorView Sector(ForceSector sector)
    {
        ArgumentNullException.ThrowIfNull(sector);
        return new ForceSectorView(sector.Code, sector.Name, sector.Oblasts, sector.NearLine, sector.Maritime);
    }
}

/// <summary>Who keeps the statement, and the loading and saving every write shares.</summary>
public static class RequirementAccess
{
    /// <summary>Authorization policy: the Secretariat and administrators keep the statement of requirements.</summary>
    public const string KeepPolicy = "forces-keep-requirements";

    /// <summary>Attempts at a free number when two lines are created at once.</summary>
    private const int NumberAttempts = 5;

    /// <summary>A line the caller may see, with its versions.</summary>
    public static Task<RequirementLine?> FindAsync(EntenteDbContext db, Guid id, bool track, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var lines = track ? db.RequirementLines : db.RequirementLines.AsNoTracking();
        return lines.Include(l => l.Versions).FirstOrDefaultAsync(l => l.Id == id, cancellationToken);
    }

    /// <summary>
    /// Creates and stores a line under the next free number. Numbers are counted over every line, seen or not, so a
    /// code never repeats; the unique index settles a race between two creations, and the loser takes the next number.
    /// </summary>
    public static async Task<Result<RequirementLine>> AddAsync(
        EntenteDbContext db, RequirementDetails details, Label label, ForcesActor actor, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        for (var attempt = 1; ; attempt++)
        {
            var last = await db.RequirementLines.IgnoreQueryFilters([EntenteDbContext.LabelFilter])
                .MaxAsync(l => (int?)l.Number, cancellationToken) ?? 0;
            var created = RequirementLine.Create(last + 1, details, label, actor, now);
            if (!created.IsSuccess)
            {
                return created.Error!;
            }

            db.RequirementLines.Add(created.Value!);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return created.Value!;
            }
            catch (DbUpdateException) when (attempt < NumberAttempts)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>Stores the line's changes; a concurrent change becomes a version conflict and nothing is stored.</summary>
    public static async Task<Result> SaveAsync(EntenteDbContext db, RequirementLine line, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(line);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return Result.Success;
        }
        catch (DbUpdateException ex)
        {
            // Two revisions of one version race: the loser meets either the concurrency token or the unique version
            // number, depending on which row the provider writes first. Either way someone else's version is stored.
            db.ChangeTracker.Clear();
            var current = await db.RequirementLines.AsNoTracking().Where(l => l.Id == line.Id).Select(l => (int?)l.Version).FirstOrDefaultAsync(cancellationToken);
            if (ex is DbUpdateConcurrencyException || current >= line.Version)
            {
                return RequirementErrors.VersionConflict(line.Code, current ?? 0);
            }

            throw;
        }
    }
}
