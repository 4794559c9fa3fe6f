using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Entente.Infrastructure.Http;

/// <summary>Query parameters of every list endpoint: <c>page</c> from 1, <c>pageSize</c> from 1 to 200 (default 50).</summary>
public sealed record PageRequest
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>Page number, from 1.</summary>
    [Range(1, 1_000_000)]
    [FromQuery(Name = "page")]
    public int? Page { get; init; }

    /// <summary>Items per page, 1 to 200.</summary>
    [Range(1, MaxPageSize)]
    [FromQuery(Name = "pageSize")]
    public int? PageSize { get; init; }

    public int EffectivePage => Page ?? 1;

    public int EffectivePageSize => PageSize ?? DefaultPageSize;

    public int Skip => (EffectivePage - 1) * EffectivePageSize;
}

/// <summary>One page of a list. <see cref="Total"/> counts only what the caller may see.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total)
{
    public int PageCount => Total == 0 ? 0 : (int)Math.Ceiling(Total / (double)PageSize);

    public bool HasNext => Page < PageCount;
}

public static class PagingExtensions
{
    /// <summary>Counts and fetches one page. The query must already be ordered deterministically.</summary>
    public static async Task<Paged<TOut>> ToPagedAsync<TIn, TOut>(
        this IQueryable<TIn> query, PageRequest page, Func<TIn, TOut> map, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(map);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.Skip(page.Skip).Take(page.EffectivePageSize).ToListAsync(cancellationToken);
        return new Paged<TOut>(items.Select(map).ToList(), page.EffectivePage, page.EffectivePageSize, total);
    }
}
