using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Entente.Infrastructure.Text;
using Entente.Infrastructure;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Infrastructure.Security;
using Entente.Modules.Ledger.Domain;
using Entente.Modules.Registry.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Ledger.Features;

/// <summary>A source as a client sends it.</summary>
public sealed record CitationInput
{
    [StringLength(Citation.MaxUrlLength)]
    public string? Url { get; init; }

    [StringLength(Citation.MaxPublisherLength)]
    public string? Publisher { get; init; }

    public DateOnly? PublishedOn { get; init; }

    [StringLength(Citation.MaxQuoteLength)]
    public string? Quote { get; init; }

    public Result<Citation> ToCitation(DateOnly today, string field) => Citation.Create(Url, Publisher, PublishedOn, Quote, today, field);
}

/// <summary>A pledge as a client records or revises it. Amounts are integers in the currency's minor units (pence, cents).</summary>
public record PledgeInput
{
    /// <summary>Member code of the donor: a delegate's own member; the Secretariat may record for any member.</summary>
    [Required]
    [StringLength(8)]
    public string Donor { get; init; } = "";

    /// <summary>aid (default) or defenceIndustrial (recorded, never counted as aid).</summary>
    public MeasureKind? Kind { get; init; }

    [Required]
    public DateOnly? AnnouncedOn { get; init; }

    [Required]
    [StringLength(PledgeDetails.MaxMeasureLength)]
    public string Measure { get; init; } = "";

    [Required]
    public AidType? Type { get; init; }

    [StringLength(PledgeDetails.MaxItemLength)]
    public string? Item { get; init; }

    public long? Quantity { get; init; }

    /// <summary>Reported value in minor units of <see cref="Currency"/>; absent when the valuation is undisclosed.</summary>
    public long? Amount { get; init; }

    [Required]
    [StringLength(3)]
    public string Currency { get; init; } = "";

    [Required]
    public ValuationBasis? Valuation { get; init; }

    [Required]
    public FundingChannel? Channel { get; init; }

    /// <summary>The package this pledge is a tranche of.</summary>
    public Guid? ParentId { get; init; }

    [StringLength(PledgeDetails.MaxExplanationLength)]
    public string? Explanation { get; init; }

    /// <summary>At least one source.</summary>
    public IReadOnlyList<CitationInput>? Sources { get; init; }

    [Required]
    public LabelInput? Label { get; init; }

    public PledgeDetails ToDetails() => new()
    {
        Kind = Kind ?? MeasureKind.Aid,
        AnnouncedOn = AnnouncedOn ?? default,
        Measure = Measure,
        Type = Type ?? default,
        Item = Item,
        Quantity = Quantity,
        Amount = Amount,
        Currency = Currency,
        Valuation = Valuation ?? default,
        Channel = Channel ?? default,
        Explanation = Explanation,
    };
}

/// <summary>Who may change which pledges, and the checks every write shares.</summary>
public static class LedgerAccess
{
    public static DomainError PledgeNotFound { get; } = DomainError.NotFound("The pledge");

    public static DomainError NotYourDonor { get; } = new(
        "ledger.not-your-donor",
        "Delegates record and update their own member's pledges only; the Secretariat records for any member.",
        ErrorKind.Forbidden,
        "donor");

    public static DomainError VersionConflict(int current) => new(
        "ledger.version-conflict",
        $"The pledge was changed by someone else (it is now at version {current}). Reload it, check the changes and try again.",
        ErrorKind.Conflict,
        "expectedVersion");

    public static LedgerActor ActorOf(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return new LedgerActor(caller.ActorName, caller.Member);
    }

    /// <summary>A pledge the caller may see, with its transitions and sources, tracked for change.</summary>
    public static Task<Pledge?> FindForUpdateAsync(EntenteDbContext db, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Pledges.Include(p => p.Transitions).Include(p => p.Sources).AsSplitQuery()
            .FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
    }

    /// <summary>Ids of the tranches of a package that the caller may see, in announcement order.</summary>
    public static Task<List<Guid>> TranchesAsync(EntenteDbContext db, Guid packageId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Pledges.AsNoTracking().Where(p => p.ParentId == packageId).OrderBy(p => p.AnnouncedOn).Select(p => p.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Checks the input's sources and resolves its donor, details, label and parent into domain values.</summary>
    public static async Task<Result<ResolvedPledge>> ResolveAsync(
        PledgeInput input, ClaimsPrincipal user, EntenteDbContext db, ISecurityPolicyCatalog catalog, PlatformOptions platform,
        DateOnly today, Pledge? current, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(platform);
        var donor = (input.Donor ?? "").Trim().ToUpperInvariant();
        if (donor.Length == 0 || !await db.Members.AnyAsync(m => m.Code == donor, cancellationToken))
        {
            return new DomainError("ledger.donor-unknown",
                $"'{PlainText.Shorten(input.Donor, 16)}' is not a member of the registry you can see. Use the member's code, for example GBR.",
                ErrorKind.Validation, "donor");
        }

        if (!MemberAccess.MayActFor(user, db.Caller, donor) || (current is not null && !MemberAccess.MayActFor(user, db.Caller, current.DonorCode)))
        {
            return NotYourDonor;
        }

        if (input.AnnouncedOn is null)
        {
            return DomainError.Invalid("announcedOn", "Give the date the pledge was announced.");
        }

        if (input.Type is null)
        {
            return DomainError.Invalid("type", "Give the type of aid, for example airDefence or loan.");
        }

        if (input.Valuation is null)
        {
            return DomainError.Invalid("valuation", "Give the valuation basis: donorStated, estimatedFromUnitPrice or undisclosed.");
        }

        if (input.Channel is null)
        {
            return DomainError.Invalid("channel", "Give the funding channel, for example bilateral.");
        }

        var details = input.ToDetails().Validate(platform.CoalitionFounded, today);
        if (!details.IsSuccess)
        {
            return details.Error!;
        }

        var sources = new List<Citation>();
        var inputs = input.Sources ?? [];
        if (inputs.Count > Pledge.MaxSources)
        {
            return DomainError.Invalid("sources", $"A pledge may cite at most {Pledge.MaxSources} sources.");
        }

        for (var i = 0; i < inputs.Count; i++)
        {
            var citation = inputs[i].ToCitation(today, $"sources[{i}]");
            if (!citation.IsSuccess)
            {
                return citation.Error!;
            }

            sources.Add(citation.Value!);
        }

        if (input.Label is null)
        {
            return DomainError.Invalid("label", "Label the pledge: at least its classification.");
        }

        var label = await LabelRules.ResolveAsync(input.Label, db.Caller, catalog, db, current?.Label, cancellationToken: cancellationToken);
        if (!label.IsSuccess)
        {
            return label.Error!;
        }

        Pledge? parent = null;
        if (input.ParentId is { } parentId)
        {
            parent = await db.Pledges.FirstOrDefaultAsync(p => p.Id == parentId, cancellationToken);
            if (parent is null)
            {
                return new DomainError("ledger.parent-unknown", "The package this pledge belongs to was not found.", ErrorKind.Validation, "parentId");
            }

            if (parent.DonorCode != donor)
            {
                return new DomainError("ledger.parent-other-donor", "A tranche belongs to a package of the same donor.", ErrorKind.RuleViolation, "parentId");
            }

            if (parent.ParentId is not null)
            {
                return new DomainError("ledger.parent-is-tranche",
                    "That pledge is itself a tranche of a package; attach the tranche to the package.", ErrorKind.RuleViolation, "parentId");
            }

            if (current is not null && (parent.Id == current.Id || current.IsPackage))
            {
                return new DomainError("ledger.parent-cycle",
                    "A package cannot become a tranche, and a pledge cannot be a tranche of itself.", ErrorKind.RuleViolation, "parentId");
            }
        }

        return new ResolvedPledge(donor, details.Value!, sources, label.Value!, parent);
    }
}

/// <summary>A pledge input checked and turned into domain values.</summary>
public sealed record ResolvedPledge(string Donor, PledgeDetails Details, IReadOnlyList<Citation> Sources, Label Label, Pledge? Parent);
