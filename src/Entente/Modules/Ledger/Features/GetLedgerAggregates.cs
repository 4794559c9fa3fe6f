using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Linq.Expressions;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Entente.Infrastructure.Text;
using Entente.Modules.Ledger.Contracts;
using Entente.Modules.Ledger.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Ledger.Features;

/// <summary>What aggregates are grouped by.</summary>
public enum LedgerGrouping
{
    Donor,
    Category,
    Type,
    Channel,
    Status,
    Year,
    Quarter,
    Month,
}

/// <summary>What rows are ranked by, largest first.</summary>
public enum LedgerRanking
{
    Committed,
    Announced,
    Allocated,
    Delivered,

    /// <summary>Committed value as a share of the donor's GDP (grouping by donor only).</summary>
    ShareOfGdp,
}

/// <summary>Grouping and ranking of <c>GET /ledger/aggregates</c>, besides the ledger's filters.</summary>
public sealed record AggregateQuery
{
    /// <summary>donor (default), category, type, channel, status, year, quarter or month.</summary>
    [StringLength(16)]
    [FromQuery(Name = "groupBy")]
    public string? GroupBy { get; init; }

    /// <summary>committed (default), announced, allocated, delivered or shareOfGdp.</summary>
    [StringLength(16)]
    [FromQuery(Name = "rankBy")]
    public string? RankBy { get; init; }

    /// <summary>Year of the GDP that shares are computed against; the latest year with data when absent.</summary>
    [Range(1960, 2100)]
    [FromQuery(Name = "gdpYear")]
    public int? GdpYear { get; init; }
}

/// <summary>
/// One group of pledges. Money in euro cents (each step at the ECB rate of its own date); <c>deliveryRatio</c> is
/// delivered ÷ committed; <c>averageDelayDays</c> runs from commitment to first delivery; <c>shareOfGdp</c> is
/// committed ÷ the donor's GDP of <c>gdpYear</c>, in percent.
/// </summary>
public sealed record AggregateRow(
    string Key,
    string Name,
    int Rank,
    int Pledges,
    long AnnouncedEurCents,
    long CommittedEurCents,
    long AllocatedEurCents,
    long DeliveredEurCents,
    double? DeliveryRatio,
    double? AverageDelayDays,
    long? GdpEurCents,
    double? ShareOfGdp);

/// <summary>Aggregates over the pledges the caller may see.</summary>
public sealed record LedgerAggregates(LedgerGrouping GroupBy, LedgerRanking RankBy, int GdpYear, AggregateRow Total, IReadOnlyList<AggregateRow> Rows);

/// <summary><c>GET /ledger/aggregates</c>: totals by donor, type, channel or period, with delivery ratios, delays, GDP shares and ranks.</summary>
public static class GetLedgerAggregates
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/ledger/aggregates", HandleAsync)
            .AllowAnonymous()
            .WithName("GetLedgerAggregates")
            .WithSummary("Ledger aggregates")
            .WithDescription("Announced, committed, allocated and delivered value by donor, category, type, channel, status or period, with delivery ratio, average delay, share of donor GDP and rank. Counts only pledges released to you (anonymous callers: PUBLIC ones); packages count through their tranches, never twice. Takes the ledger's filters.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

    public static async Task<Results<Ok<LedgerAggregates>, ProblemHttpResult>> HandleAsync(
        [AsParameters] LedgerQuery query, [AsParameters] AggregateQuery aggregate, EntenteDbContext db, GdpTable gdp, IFxRates rates,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        ArgumentNullException.ThrowIfNull(gdp);
        var filter = LedgerFilter.Parse(query);
        if (!filter.IsSuccess)
        {
            return filter.Error!.ToProblem();
        }

        if (!EnumText.TryParse<LedgerGrouping>(aggregate.GroupBy, out var groupBy))
        {
            return DomainError.Invalid("groupBy", "Group by donor, category, type, channel, status, year, quarter or month.").ToProblem();
        }

        if (!EnumText.TryParse<LedgerRanking>(aggregate.RankBy, out var rankBy))
        {
            return DomainError.Invalid("rankBy", "Rank by committed, announced, allocated, delivered or shareOfGdp.").ToProblem();
        }

        var grouping = groupBy ?? LedgerGrouping.Donor;
        var ranking = rankBy ?? LedgerRanking.Committed;
        if (ranking == LedgerRanking.ShareOfGdp && grouping != LedgerGrouping.Donor)
        {
            return DomainError.Invalid("rankBy", "Shares of GDP exist for donors only: group by donor to rank by them.").ToProblem();
        }

        return TypedResults.Ok(await QueryAsync(db, filter.Value!, grouping, ranking, aggregate.GdpYear ?? gdp.LatestYear, gdp, rates, cancellationToken));
    }

    public static Task<LedgerAggregates> QueryAsync(
        EntenteDbContext db, LedgerFilter filter, LedgerGrouping groupBy, LedgerRanking rankBy, int gdpYear, GdpTable gdp, IFxRates rates,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return QueryAsync(db, db.Pledges.AsNoTracking(), filter, groupBy, rankBy, gdpYear, gdp, rates, cancellationToken);
    }

    /// <summary>
    /// Aggregates over <paramref name="source"/>, a narrower set of the pledges the caller may see (the public page
    /// passes the published ones only).
    /// </summary>
    public static async Task<LedgerAggregates> QueryAsync(
        EntenteDbContext db, IQueryable<Pledge> source, LedgerFilter filter, LedgerGrouping groupBy, LedgerRanking rankBy, int gdpYear,
        GdpTable gdp, IFxRates rates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(gdp);

        // Packages are umbrellas over their tranches: only the tranches (and pledges without any) count.
        var pledges = filter.Apply(source).Where(p => !p.IsPackage);
        var groups = groupBy switch
        {
            LedgerGrouping.Donor => await GroupAsync(pledges, p => p.DonorCode, k => k, cancellationToken),
            LedgerGrouping.Category => await GroupAsync(pledges, p => p.Category, k => EnumText.ToText(k), cancellationToken),
            LedgerGrouping.Type => await GroupAsync(pledges, p => p.Type, k => EnumText.ToText(k), cancellationToken),
            LedgerGrouping.Channel => await GroupAsync(pledges, p => p.Channel, k => EnumText.ToText(k), cancellationToken),
            LedgerGrouping.Status => await GroupAsync(pledges, p => p.Status, k => EnumText.ToText(k), cancellationToken),

            // Periods are summed by day in the database, in the order of an index that covers the aggregates
            // (LedgerIndexes), and the days rolled up here: grouping by an expression of the date would make the
            // database sort every pledge instead.
            LedgerGrouping.Year => await GroupAsync(pledges, p => p.AnnouncedOn, d => d.Year.ToString(CultureInfo.InvariantCulture), cancellationToken),
            LedgerGrouping.Quarter => await GroupAsync(pledges, p => p.AnnouncedOn,
                d => string.Create(CultureInfo.InvariantCulture, $"{d.Year}-Q{(d.Month + 2) / 3}"), cancellationToken),
            LedgerGrouping.Month => await GroupAsync(pledges, p => p.AnnouncedOn,
                d => string.Create(CultureInfo.InvariantCulture, $"{d.Year}-{d.Month:00}"), cancellationToken),
        };

        var names = groupBy == LedgerGrouping.Donor
            ? await db.Members.AsNoTracking().Select(m => new { m.Code, m.Name }).ToDictionaryAsync(m => m.Code, m => m.Name, cancellationToken)
            : [];

        var rows = groups.Select(g =>
        {
            long? gdpCents = null;
            double? share = null;
            if (groupBy == LedgerGrouping.Donor && gdp.EurOf(g.Key, gdpYear, rates) is { } gdpEur)
            {
                gdpCents = (long)Math.Round(gdpEur * 100m);
                share = gdpCents > 0 ? Math.Round(g.Committed * 100.0 / gdpCents.Value, 4) : null;
            }

            return new AggregateRow(g.Key, NameOf(groupBy, g.Key, names), 0, g.Count, g.Announced, g.Committed, g.Allocated, g.Delivered,
                Ratio(g.Delivered, g.Committed), g.AverageDelay is { } delay ? Math.Round(delay, 1) : null, gdpCents, share);
        });

        var ranked = (groupBy is LedgerGrouping.Year or LedgerGrouping.Quarter or LedgerGrouping.Month
                ? rows.OrderBy(r => r.Key, StringComparer.Ordinal)
                : rows.OrderByDescending(r => RankValue(r, rankBy)).ThenBy(r => r.Key, StringComparer.Ordinal))
            .ToList();
        var byRank = ranked.OrderByDescending(r => RankValue(r, rankBy)).ThenBy(r => r.Key, StringComparer.Ordinal)
            .Select((r, i) => (r.Key, Rank: i + 1)).ToDictionary(x => x.Key, x => x.Rank, StringComparer.Ordinal);
        var final = ranked.Select(r => r with { Rank = byRank[r.Key] }).ToList();

        var total = new AggregateRow("total", "Total", 0, groups.Sum(g => g.Count), groups.Sum(g => g.Announced), groups.Sum(g => g.Committed),
            groups.Sum(g => g.Allocated), groups.Sum(g => g.Delivered), Ratio(groups.Sum(g => g.Delivered), groups.Sum(g => g.Committed)),
            WeightedDelay(groups), null, null);
        return new LedgerAggregates(groupBy, rankBy, gdpYear, total, final);
    }

    private static double RankValue(AggregateRow r, LedgerRanking rankBy) => rankBy switch
    {
        LedgerRanking.Committed => r.CommittedEurCents,
        LedgerRanking.Announced => r.AnnouncedEurCents,
        LedgerRanking.Allocated => r.AllocatedEurCents,
        LedgerRanking.Delivered => r.DeliveredEurCents,
        LedgerRanking.ShareOfGdp => r.ShareOfGdp ?? -1,
    };

    private static double? Ratio(long part, long whole) => whole == 0 ? null : Math.Round(part / (double)whole, 4);

    private static double? WeightedDelay(IReadOnlyList<Group> groups)
    {
        var count = groups.Sum(g => g.DelayCount);
        return count == 0 ? null : Math.Round(groups.Sum(g => g.DelayDays) / (double)count, 1);
    }

    private static string NameOf(LedgerGrouping groupBy, string key, Dictionary<string, string> names) => groupBy switch
    {
        LedgerGrouping.Donor => names.GetValueOrDefault(key, key),
        LedgerGrouping.Type => EnumText.TryParse<AidType>(key, out var t) && t is { } type ? AidTypes.Display(type) : key,
        LedgerGrouping.Channel => EnumText.TryParse<FundingChannel>(key, out var c) && c is { } channel ? AidTypes.Display(channel) : key,
        LedgerGrouping.Status => EnumText.TryParse<PledgeStatus>(key, out var s) && s is { } status ? AidTypes.Display(status) : key,
        LedgerGrouping.Category => char.ToUpperInvariant(key[0]) + key[1..],
        LedgerGrouping.Year or LedgerGrouping.Quarter or LedgerGrouping.Month => key,
    };

    /// <summary>One group's totals; <see cref="DelayDays"/> sums the delays of the <see cref="DelayCount"/> pledges delivered.</summary>
    private sealed record Group(string Key, int Count, long Announced, long Committed, long Allocated, long Delivered, long DelayDays, int DelayCount)
    {
        public double? AverageDelay => DelayCount == 0 ? null : DelayDays / (double)DelayCount;
    }

    /// <summary>Totals by <paramref name="key"/>; keys that <paramref name="text"/> maps to the same text are merged.</summary>
    private static async Task<List<Group>> GroupAsync<TKey>(
        IQueryable<Pledge> pledges, Expression<Func<Pledge, TKey>> key, Func<TKey, string> text, CancellationToken cancellationToken)
    {
        var raw = await pledges.GroupBy(key).Select(g => new
        {
            g.Key,
            Count = g.Count(),
            Announced = g.Sum(p => p.ValueEur ?? 0),
            Committed = g.Sum(p => p.CommittedEur),
            Allocated = g.Sum(p => p.AllocatedEur),
            Delivered = g.Sum(p => p.DeliveredEur),
            DelayDays = g.Sum(p => (long)(p.DeliveryDelayDays ?? 0)),
            DelayCount = g.Count(p => p.DeliveryDelayDays != null),
        }).ToListAsync(cancellationToken);
        return [.. raw
            .GroupBy(r => text(r.Key), StringComparer.Ordinal)
            .Select(m => new Group(m.Key, m.Sum(r => r.Count), m.Sum(r => r.Announced), m.Sum(r => r.Committed), m.Sum(r => r.Allocated),
                m.Sum(r => r.Delivered), m.Sum(r => r.DelayDays), m.Sum(r => r.DelayCount)))];
    }
}
