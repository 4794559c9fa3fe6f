using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Infrastructure.Security;
using Entente.Infrastructure.Text;
using Entente.Modules.Forces.Domain;
using Entente.Modules.Registry.Contracts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Forces.Features.Offers;

/// <summary>A nation's caveats as a client sends them; every field may be left out, meaning "no caveat of this kind".</summary>
public sealed record CaveatsInput
{
    /// <summary>Sector codes the offer may serve in; empty or absent means anywhere.</summary>
    public IReadOnlyList<string>? AllowedSectors { get; init; }

    public IReadOnlyList<string>? RefusedSectors { get; init; }

    public IReadOnlyList<ForceTask>? RefusedTasks { get; init; }

    /// <summary>The most permissive ROE accepted; <c>missionDefence</c> (no caveat) when absent.</summary>
    public RulesOfEngagement? MaxRulesOfEngagement { get; init; }

    /// <summary>Longest single employment in days; absent when the window is the only limit.</summary>
    public int? MaxDurationDays { get; init; }

    public bool? NationalApprovalRequired { get; init; }

    /// <summary>The most authority handed to the coalition commander; <c>operationalControl</c> (no caveat) when absent.</summary>
    public CommandArrangement? CommandArrangement { get; init; }

    [StringLength(OfferCaveats.MaxRemarksLength)]
    public string? Remarks { get; init; }
}

/// <summary>A condition as a client sends it.</summary>
public sealed record ConditionInput
{
    [Required]
    public ConditionKind? Kind { get; init; }

    /// <summary>For <c>memberParticipation</c>: the other member's code.</summary>
    [StringLength(8)]
    public string? Member { get; init; }

    /// <summary>For <c>otherMandate</c> (required): which mandate.</summary>
    [StringLength(Offer.MaxConditionTextLength)]
    public string? Text { get; init; }
}

/// <summary>A step of the readiness plan as a client sends it.</summary>
public sealed record PlanStepInput
{
    [Required]
    public ReadinessLevel? Level { get; init; }

    [Required]
    public DateOnly? ExpectedOn { get; init; }
}

/// <summary>What a nation states about an offer, on record and on revision.</summary>
public record OfferInput
{
    [Required]
    public Capability? Capability { get; init; }

    [StringLength(Offer.MaxUnitTypeLength)]
    public string? UnitType { get; init; }

    /// <summary>Whole units, 1 or more.</summary>
    [Required]
    public int? Quantity { get; init; }

    /// <summary>The units serve together on one line or not at all.</summary>
    public bool? Indivisible { get; init; }

    /// <summary>Days from the order to move until the units can move.</summary>
    [Required]
    public int? NoticeToMoveDays { get; init; }

    [Required]
    public ReadinessLevel? Readiness { get; init; }

    public IReadOnlyList<PlanStepInput>? ReadinessPlan { get; init; }

    [Required]
    public DateOnly? AvailableFrom { get; init; }

    [Required]
    public DateOnly? AvailableUntil { get; init; }

    public CaveatsInput? Caveats { get; init; }

    public IReadOnlyList<ConditionInput>? Conditions { get; init; }

    [StringLength(Offer.MaxNotesLength)]
    public string? Notes { get; init; }

    /// <summary>Checks the shape, builds the caveats, and returns the terms the domain checks further.</summary>
    public Result<OfferTerms> ToTerms()
    {
        if (Capability is not { } capability)
        {
            return DomainError.Invalid("capability", $"Give the capability offered: {EnumText.Names<Domain.Capability>()}.");
        }

        if (Quantity is not { } quantity)
        {
            return DomainError.Invalid("quantity", "Give the number of whole units offered.");
        }

        if (NoticeToMoveDays is not { } notice)
        {
            return DomainError.Invalid("noticeToMoveDays", "Give the notice to move in days.");
        }

        if (Readiness is not { } readiness)
        {
            return DomainError.Invalid("readiness", $"Give the readiness level: {EnumText.Names<ReadinessLevel>()}.");
        }

        if (AvailableFrom is not { } from || AvailableUntil is not { } until)
        {
            return DomainError.Invalid(AvailableFrom is null ? "availableFrom" : "availableUntil", "Give the first and last day the units are available.");
        }

        if (until <= from)
        {
            return new DomainError("forces.offer-window-ends-before-start",
                $"The availability window must end after it starts: {until:yyyy-MM-dd} is not after {from:yyyy-MM-dd}.", ErrorKind.Validation, "availableUntil");
        }

        var plan = new List<OfferPlanStepTerms>();
        foreach (var (step, i) in (ReadinessPlan ?? []).Select((s, i) => (s, i)))
        {
            if (step?.Level is not { } level || step.ExpectedOn is not { } on)
            {
                return DomainError.Invalid($"readinessPlan[{i}]", "Each plan step gives a level and the date it is expected.");
            }

            plan.Add(new OfferPlanStepTerms(level, on));
        }

        var conditions = new List<OfferConditionTerms>();
        foreach (var (c, i) in (Conditions ?? []).Select((c, i) => (c, i)))
        {
            if (c?.Kind is not { } kind)
            {
                return DomainError.Invalid($"conditions[{i}].kind", $"Give the kind of condition: {EnumText.Names<ConditionKind>()}.");
            }

            conditions.Add(new OfferConditionTerms(kind, c.Member, c.Text));
        }

        var cv = Caveats ?? new CaveatsInput();
        var caveats = OfferCaveats.Create(capability, until.DayNumber - from.DayNumber + 1, cv.AllowedSectors, cv.RefusedSectors, cv.RefusedTasks,
            cv.MaxRulesOfEngagement ?? RulesOfEngagement.MissionDefence, cv.MaxDurationDays, cv.NationalApprovalRequired ?? false,
            cv.CommandArrangement ?? Domain.CommandArrangement.OperationalControl, cv.Remarks);
        if (!caveats.IsSuccess)
        {
            return caveats.Error!;
        }

        return new OfferTerms(capability, UnitType, quantity, Indivisible ?? false, notice, readiness, plan, from, until, caveats.Value!, conditions, Notes);
    }

    /// <summary>The member codes the terms name in conditions, to check against the registry.</summary>
    public IEnumerable<string> ConditionMembers() =>
        (Conditions ?? []).Where(c => c?.Member is not null).Select(c => c!.Member!.Trim().ToUpperInvariant());
}

/// <summary>The filters every offer list, count and export shares.</summary>
public sealed record OfferFilter
{
    /// <summary>Member code of the offering member.</summary>
    [FromQuery(Name = "member")]
    [StringLength(8)]
    public string? Member { get; init; }

    [FromQuery(Name = "capability")]
    [StringLength(32)]
    public string? Capability { get; init; }

    /// <summary>land, air, maritime or enabler.</summary>
    [FromQuery(Name = "component")]
    [StringLength(16)]
    public string? Component { get; init; }

    /// <summary>The readiness level reached: registered, assessed, ready or rapidDeployment.</summary>
    [FromQuery(Name = "readiness")]
    [StringLength(24)]
    public string? Readiness { get; init; }

    /// <summary>offered or withdrawn; absent means both.</summary>
    [FromQuery(Name = "status")]
    [StringLength(16)]
    public string? Status { get; init; }

    /// <summary>The first filter that cannot be understood, as a validation error; null when all can.</summary>
    public DomainError? Check()
    {
        if (!EnumText.TryParse<Capability>(Capability, out _))
        {
            return DomainError.Invalid("capability", EnumText.Refusal<Capability>(Capability, "a capability"));
        }

        if (!EnumText.TryParse<ForceComponent>(Component, out _))
        {
            return DomainError.Invalid("component", EnumText.Refusal<ForceComponent>(Component, "a force component"));
        }

        if (!EnumText.TryParse<ReadinessLevel>(Readiness, out _))
        {
            return DomainError.Invalid("readiness", EnumText.Refusal<ReadinessLevel>(Readiness, "a readiness level"));
        }

        return EnumText.TryParse<OfferStatus>(Status, out _) ? null : DomainError.Invalid("status", EnumText.Refusal<OfferStatus>(Status, "an offer status"));
    }

    public IQueryable<Offer> Apply(IQueryable<Offer> offers)
    {
        ArgumentNullException.ThrowIfNull(offers);
        if (!string.IsNullOrWhiteSpace(Member))
        {
            var member = Member.Trim().ToUpperInvariant();
            offers = offers.Where(o => o.MemberCode == member);
        }

        if (EnumText.TryParse<Capability>(Capability, out var capability) && capability is { } c)
        {
            offers = offers.Where(o => o.Capability == c);
        }

        if (EnumText.TryParse<ForceComponent>(Component, out var component) && component is { } f)
        {
            offers = offers.Where(o => o.Component == f);
        }

        if (EnumText.TryParse<ReadinessLevel>(Readiness, out var readiness) && readiness is { } r)
        {
            offers = offers.Where(o => o.Readiness == r);
        }

        if (EnumText.TryParse<OfferStatus>(Status, out var status) && status is { } s)
        {
            offers = offers.Where(o => o.Status == s);
        }

        return offers;
    }
}

public sealed record ConditionView(ConditionKind Kind, string? Member, string? Text, string Description);

public sealed record CaveatsView(
    IReadOnlyList<string> AllowedSectors, IReadOnlyList<string> RefusedSectors, IReadOnlyList<ForceTask> RefusedTasks,
    RulesOfEngagement MaxRulesOfEngagement, int? MaxDurationDays, bool NationalApprovalRequired, CommandArrangement CommandArrangement,
    string? Remarks, string Summary);

public sealed record PlanStepView(ReadinessLevel Level, string LevelCode, DateOnly ExpectedOn);

public sealed record ReadinessMoveView(int Sequence, ReadinessLevel Level, string LevelCode, DateOnly ReachedOn, string? Reason, string By, string? ByMember, DateTime RecordedAt);

/// <summary>An offer in a list: enough for a force-generation table row.</summary>
public sealed record OfferSummary(
    Guid Id, string MemberCode, Capability Capability, ForceComponent Component, string? UnitType, int Quantity, bool Indivisible,
    int NoticeToMoveDays, ReadinessLevel Readiness, string ReadinessCode, DateOnly AvailableFrom, DateOnly AvailableUntil,
    OfferStatus Status, string CaveatSummary, IReadOnlyList<ConditionView> Conditions, int Version, LabelView Label);

/// <summary>An offer with its caveats, conditions, readiness plan and history.</summary>
public sealed record OfferDetail(
    Guid Id, string MemberCode, Capability Capability, ForceComponent Component, string? UnitType, int Quantity, bool Indivisible,
    int NoticeToMoveDays, ReadinessLevel Readiness, string ReadinessCode, DateOnly AvailableFrom, DateOnly AvailableUntil,
    OfferStatus Status, string? WithdrawalReason, CaveatsView Caveats, IReadOnlyList<ConditionView> Conditions,
    IReadOnlyList<PlanStepView> ReadinessPlan, IReadOnlyList<ReadinessMoveView> ReadinessHistory, string? Notes,
    int Version, LabelView Label, DateTime CreatedAt, string CreatedBy, DateTime UpdatedAt);

/// <summary>One version of an offer: who changed it, when, why, and the offer as it stood after.</summary>
public sealed record OfferVersionView(int Number, string Change, string? Reason, string By, string? ByMember, DateTime At, System.Text.Json.JsonElement Offer);

/// <summary>Explicit mapping from offers to what the API and the pages show.</summary>
public static class OfferViews
{
    public static OfferSummary Summary(Offer o, PolicySnapshot policy)
    {
        ArgumentNullException.ThrowIfNull(o);
        return new OfferSummary(o.Id, o.MemberCode, o.Capability, o.Component, o.UnitType, o.Quantity, o.Indivisible, o.NoticeToMoveDays,
            o.Readiness, ForcesVocabulary.LevelCode(o.Readiness), o.AvailableFrom, o.AvailableUntil, o.Status, OfferText.CaveatSummary(o.Caveats),
            Conditions(o), o.Version, LabelView.From(o.Label, policy));
    }

    public static OfferDetail Detail(Offer o, PolicySnapshot policy)
    {
        ArgumentNullException.ThrowIfNull(o);
        var c = o.Caveats;
        return new OfferDetail(o.Id, o.MemberCode, o.Capability, o.Component, o.UnitType, o.Quantity, o.Indivisible, o.NoticeToMoveDays,
            o.Readiness, ForcesVocabulary.LevelCode(o.Readiness), o.AvailableFrom, o.AvailableUntil, o.Status, o.WithdrawalReason,
            new CaveatsView(c.AllowedSectorCodes, c.RefusedSectorCodes, c.RefusedTaskList, c.MaxRulesOfEngagement, c.MaxDurationDays,
                c.NationalApprovalRequired, c.CommandArrangement, c.Remarks, OfferText.CaveatSummary(c)),
            Conditions(o),
            o.ReadinessPlan.OrderBy(s => s.Sequence).Select(s => new PlanStepView(s.Level, ForcesVocabulary.LevelCode(s.Level), s.ExpectedOn)).ToList(),
            o.ReadinessHistory.OrderBy(m => m.Sequence)
                .Select(m => new ReadinessMoveView(m.Sequence, m.Level, ForcesVocabulary.LevelCode(m.Level), m.ReachedOn, m.Reason, m.By, m.ByMember, m.RecordedAt)).ToList(),
            o.Notes, o.Version, LabelView.From(o.Label, policy), o.CreatedAt, o.CreatedBy, o.UpdatedAt);
    }

    public static OfferVersionView Version(OfferVersion v)
    {
        ArgumentNullException.ThrowIfNull(v);
        using var snapshot = System.Text.Json.JsonDocument.Parse(v.Snapshot);
        return new OfferVersionView(v.Number, v.Change, v.Reason, v.By, v.ByMember, v.At, snapshot.RootElement.Clone());
    }

    private static List<ConditionView> Conditions(Offer o) =>
        o.Conditions.OrderBy(c => c.Sequence).Select(c => new ConditionView(c.Kind, c.Member, c.Text, OfferText.Describe(c))).ToList();
}

/// <summary>Who may change which offers, the default label, and the checks every write shares.</summary>
public static class OfferAccess
{
    public static DomainError OfferNotFound { get; } = DomainError.NotFound("The offer");

    public static DomainError NotYourMember { get; } = new(
        "forces.offer-not-your-member",
        "Delegates record and revise their own member's offers only; the Secretariat records for any member.",
        ErrorKind.Forbidden,
        "memberCode");

    public static DomainError VersionConflict(int current) => new(
        "forces.offer-version-conflict",
        $"The offer was changed by someone else (it is now at version {current}). Reload it, check the changes and try again.",
        ErrorKind.Conflict,
        "expectedVersion");


    /// <summary>
    /// The label an offer gets when the request names none: RESTRICTED, releasable to the co-chairs, the Secretariat and
    /// the offering member, which is also its originator. Force offers reveal a nation's order of battle and its political
    /// limits; the coalition's practice is to show them to those who run force generation (the co-chairs, who convene the
    /// conferences, and the Secretariat, which keeps the statement of requirements) and to nobody else until the nation widens
    /// the release. Co-chairs are the members whose registry status today is co-chair; the Secretariat is the member of kind
    /// Secretariat (staff accounts belong to it), so both follow the registry rather than a list kept here.
    /// </summary>
    public static async Task<LabelInput> DefaultLabelAsync(EntenteDbContext db, string member, DateOnly today, CancellationToken cancellationToken)
    {
        var (coChairs, secretariat) = await MemberDirectory.LeadershipAsync(db, today, cancellationToken);
        return new LabelInput
        {
            Classification = "RESTRICTED",
            ReleasableTo = [.. coChairs, .. secretariat, member],
            Originator = member,
            Tlp = TlpMarking.Amber,
        };
    }

    /// <summary>An offer the caller may see, with its conditions, plan and readiness history.</summary>
    public static Task<Offer?> FindAsync(EntenteDbContext db, Guid id, bool track, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var offers = track ? db.Offers : db.Offers.AsNoTracking();
        return offers.Include(o => o.Conditions).Include(o => o.ReadinessPlan).Include(o => o.ReadinessHistory).AsSplitQuery()
            .FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
    }

    /// <summary>
    /// The offer, tracked, for a change by <paramref name="user"/>: 404 when the caller may not see it, refused when the
    /// caller may not act for its member, 409 when <paramref name="expectedVersion"/> is given and is not the current one.
    /// </summary>
    public static async Task<Result<Offer>> FindForChangeAsync(
        EntenteDbContext db, ClaimsPrincipal user, Guid id, int? expectedVersion, CancellationToken cancellationToken)
    {
        var offer = await FindAsync(db, id, track: true, cancellationToken);
        if (offer is null)
        {
            return OfferNotFound;
        }

        if (!MemberAccess.MayActFor(user, db.Caller, offer.MemberCode))
        {
            return NotYourMember;
        }

        return expectedVersion is { } expected && expected != offer.Version ? VersionConflict(offer.Version) : offer;
    }

    /// <summary>Stores the offer's changes; a concurrent change becomes a version conflict and nothing is stored.</summary>
    public static async Task<Result> SaveAsync(EntenteDbContext db, Offer offer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(offer);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return Result.Success;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.Offers.AsNoTracking().Where(o => o.Id == offer.Id).Select(o => (int?)o.Version).FirstOrDefaultAsync(cancellationToken);
            return VersionConflict(current ?? 0);
        }
    }
}
