using System.ComponentModel.DataAnnotations;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Problems;
using Entente.Infrastructure.Text;
using Entente.Modules.Ledger.Domain;
using Entente.Modules.Registry.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Ledger.Features;

/// <summary>How a pledge list is ordered; ties are broken by announcement date, then id.</summary>
public enum PledgeSort
{
    Announced,
    Donor,
    Value,
    Committed,
    Delivered,
    Status,
}

/// <summary>Filters of the ledger, as query strings carry them (the list, the aggregates and the exports share them).</summary>
public sealed record LedgerQuery
{
    public const int MaxSearchLength = 100;

    /// <summary>Member code of the donor.</summary>
    [StringLength(8)]
    [FromQuery(Name = "donor")]
    public string? Donor { get; init; }

    /// <summary>military, financial or humanitarian.</summary>
    [StringLength(16)]
    [FromQuery(Name = "category")]
    public string? Category { get; init; }

    /// <summary>A specific type, for example airDefence.</summary>
    [StringLength(32)]
    [FromQuery(Name = "type")]
    public string? Type { get; init; }

    [StringLength(32)]
    [FromQuery(Name = "channel")]
    public string? Channel { get; init; }

    [StringLength(16)]
    [FromQuery(Name = "status")]
    public string? Status { get; init; }

    /// <summary>aid (default) or defenceIndustrial; <c>all</c> for both.</summary>
    [StringLength(24)]
    [FromQuery(Name = "kind")]
    public string? Kind { get; init; }

    /// <summary>Announced on or after (yyyy-mm-dd).</summary>
    [FromQuery(Name = "from")]
    public DateOnly? From { get; init; }

    /// <summary>Announced on or before (yyyy-mm-dd).</summary>
    [FromQuery(Name = "to")]
    public DateOnly? To { get; init; }

    /// <summary>Text the measure or the item contains.</summary>
    [StringLength(MaxSearchLength)]
    [FromQuery(Name = "q")]
    public string? Q { get; init; }

    /// <summary>announced (default), donor, value, committed, delivered or status.</summary>
    [StringLength(16)]
    [FromQuery(Name = "sort")]
    public string? Sort { get; init; }

    [FromQuery(Name = "desc")]
    public bool? Desc { get; init; }
}

/// <summary>A <see cref="LedgerQuery"/> with its values parsed.</summary>
public sealed record LedgerFilter(
    string? Donor, AidCategory? Category, AidType? Type, FundingChannel? Channel, PledgeStatus? Status, MeasureKind? Kind,
    DateOnly? From, DateOnly? To, string? Text, PledgeSort Sort, bool Descending)
{
    public static LedgerFilter Default { get; } = new(null, null, null, null, null, MeasureKind.Aid, null, null, null, PledgeSort.Announced, true);

    public static Result<LedgerFilter> Parse(LedgerQuery query)
    {
        var filter = Lenient(query, out var errors);
        return errors.Count == 0 ? filter : errors[0];
    }

    /// <summary>Parses what it can, listing what it ignored (pages show the rest rather than fail on a stale link).</summary>
    public static LedgerFilter Lenient(LedgerQuery query, out IReadOnlyList<DomainError> errors)
    {
        ArgumentNullException.ThrowIfNull(query);
        var found = new List<DomainError>();
        if (!EnumText.TryParse<AidCategory>(query.Category, out var category))
        {
            found.Add(DomainError.Invalid("category", "Unknown category: use military, financial or humanitarian."));
        }

        if (!EnumText.TryParse<AidType>(query.Type, out var type))
        {
            found.Add(DomainError.Invalid("type", "Unknown type of aid, for example airDefence, drones or loan."));
        }

        if (!EnumText.TryParse<FundingChannel>(query.Channel, out var channel))
        {
            found.Add(DomainError.Invalid("channel", "Unknown channel, for example bilateral or jointFund."));
        }

        if (!EnumText.TryParse<PledgeStatus>(query.Status, out var status))
        {
            found.Add(DomainError.Invalid("status", "Unknown status: announced, committed, allocated, partlyDelivered, delivered or cancelled."));
        }

        MeasureKind? kind = MeasureKind.Aid;
        if (string.Equals(query.Kind?.Trim(), "all", StringComparison.OrdinalIgnoreCase))
        {
            kind = null;
        }
        else if (!EnumText.TryParse<MeasureKind>(query.Kind, out var parsedKind))
        {
            found.Add(DomainError.Invalid("kind", "Unknown kind: aid, defenceIndustrial or all."));
        }
        else if (parsedKind is not null)
        {
            kind = parsedKind;
        }

        if (!EnumText.TryParse<PledgeSort>(query.Sort, out var sort))
        {
            found.Add(DomainError.Invalid("sort", "Unknown order: announced, donor, value, committed, delivered or status."));
        }

        if (query.From is { } from && query.To is { } to && from > to)
        {
            found.Add(DomainError.Invalid("to", "The end of the period is before its start."));
        }

        errors = found;
        var donor = string.IsNullOrWhiteSpace(query.Donor) ? null : query.Donor.Trim().ToUpperInvariant();
        var text = string.IsNullOrWhiteSpace(query.Q) ? null : query.Q.Trim();
        return new LedgerFilter(donor, category, type, channel, status, kind, query.From, query.To, text,
            sort ?? PledgeSort.Announced, query.Desc ?? sort is null);
    }

    /// <summary>The pledges this filter selects — among those the caller may see, since the label filter always applies.</summary>
    public IQueryable<Pledge> Apply(IQueryable<Pledge> pledges)
    {
        ArgumentNullException.ThrowIfNull(pledges);
        if (Donor is { } donor)
        {
            pledges = pledges.Where(p => p.DonorCode == donor);
        }

        if (Category is { } category)
        {
            pledges = pledges.Where(p => p.Category == category);
        }

        if (Type is { } type)
        {
            pledges = pledges.Where(p => p.Type == type);
        }

        if (Channel is { } channel)
        {
            pledges = pledges.Where(p => p.Channel == channel);
        }

        if (Status is { } status)
        {
            pledges = pledges.Where(p => p.Status == status);
        }

        if (Kind is { } kind)
        {
            pledges = pledges.Where(p => p.Kind == kind);
        }

        if (From is { } from)
        {
            pledges = pledges.Where(p => p.AnnouncedOn >= from);
        }

        if (To is { } to)
        {
            pledges = pledges.Where(p => p.AnnouncedOn <= to);
        }

        if (Text is { } text)
        {
            var upper = text.ToUpperInvariant();
            var lower = text.ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // Translated to SQL upper() and lower(); never evaluated in memory.
            pledges = pledges.Where(p => p.Measure.ToUpper().Contains(upper) || p.Measure.ToLower().Contains(lower)
                || (p.Item != null && (p.Item.ToUpper().Contains(upper) || p.Item.ToLower().Contains(lower))));
#pragma warning restore CA1304, CA1311, CA1862
        }

        return pledges;
    }

    public IOrderedQueryable<Pledge> Order(IQueryable<Pledge> pledges)
    {
        var d = Descending;
        var ordered = Sort switch
        {
            PledgeSort.Donor => d ? pledges.OrderByDescending(p => p.DonorCode) : pledges.OrderBy(p => p.DonorCode),
            PledgeSort.Value => d ? pledges.OrderByDescending(p => p.ValueEur) : pledges.OrderBy(p => p.ValueEur),
            PledgeSort.Committed => d ? pledges.OrderByDescending(p => p.CommittedEur) : pledges.OrderBy(p => p.CommittedEur),
            PledgeSort.Delivered => d ? pledges.OrderByDescending(p => p.DeliveredEur) : pledges.OrderBy(p => p.DeliveredEur),
            PledgeSort.Status => d ? pledges.OrderByDescending(p => p.Status) : pledges.OrderBy(p => p.Status),
            PledgeSort.Announced => d ? pledges.OrderByDescending(p => p.AnnouncedOn) : pledges.OrderBy(p => p.AnnouncedOn),
        };
        return Sort == PledgeSort.Announced
            ? (d ? ordered.ThenByDescending(p => p.Id) : ordered.ThenBy(p => p.Id))
            : ordered.ThenByDescending(p => p.AnnouncedOn).ThenBy(p => p.Id);
    }
}

/// <summary><c>GET /pledges</c>: the pledges the caller may see, filtered, sorted and paged.</summary>
public static class ListPledges
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/pledges", HandleAsync)
            .AllowAnonymous()
            .WithName("ListPledges")
            .WithSummary("List pledges")
            .WithDescription("Pledges released to you (anonymous callers: PUBLIC ones), filtered by donor, category, type, channel, status, kind and announcement period, sorted and paged. Defence-industrial measures are left out unless kind=defenceIndustrial or kind=all. The total counts only what you may see.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

    public static async Task<Results<Ok<Paged<PledgeSummary>>, ProblemHttpResult>> HandleAsync(
        [AsParameters] LedgerQuery query, [AsParameters] PageRequest page, EntenteDbContext db, ISecurityPolicyCatalog catalog,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var filter = LedgerFilter.Parse(query);
        return filter.IsSuccess
            ? TypedResults.Ok(await QueryAsync(db, filter.Value!, page, catalog.Current, cancellationToken))
            : filter.Error!.ToProblem();
    }

    public static Task<Paged<PledgeSummary>> QueryAsync(
        EntenteDbContext db, LedgerFilter filter, PageRequest page, PolicySnapshot policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        return filter.Order(filter.Apply(db.Pledges.AsNoTracking())).ToPagedAsync(page, p => LedgerViews.Summary(p, policy), cancellationToken);
    }
}
