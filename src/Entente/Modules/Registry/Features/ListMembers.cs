using System.ComponentModel.DataAnnotations;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Problems;
using Entente.Infrastructure.Text;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Registry.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Registry.Features;

/// <summary>How a member list is ordered; ties are broken by name, then code.</summary>
public enum MemberSort
{
    Name,
    Code,

    /// <summary>Co-chairs first, then members, partners, observers, former members, and members without a status.</summary>
    Status,
}

/// <summary>Filters and order of <c>GET /members</c>, as the query string carries them.</summary>
public sealed record MemberListQuery
{
    public const int MaxSearchLength = 100;

    /// <summary>Only members whose status in force today is this one: coChair, member, partner, observer or former.</summary>
    [StringLength(16)]
    [FromQuery(Name = "status")]
    public string? Status { get; init; }

    /// <summary>Only members of this kind: state, organisation or secretariat.</summary>
    [StringLength(16)]
    [FromQuery(Name = "kind")]
    public string? Kind { get; init; }

    /// <summary>Text the code or the name contains (case-insensitive).</summary>
    [StringLength(MaxSearchLength)]
    [FromQuery(Name = "q")]
    public string? Q { get; init; }

    /// <summary>Order: name (default), code or status.</summary>
    [StringLength(16)]
    [FromQuery(Name = "sort")]
    public string? Sort { get; init; }

    /// <summary>Reverse the order.</summary>
    [FromQuery(Name = "desc")]
    public bool? Desc { get; init; }
}

/// <summary>A <see cref="MemberListQuery"/> with its values parsed.</summary>
public sealed record MemberFilter(CoalitionStatus? Status, MemberKind? Kind, string? Text, MemberSort Sort, bool Descending)
{
    public static MemberFilter Default { get; } = new(null, null, null, MemberSort.Name, false);

    /// <summary>Parses the query; names are accepted in any case, numbers never. The first bad value is the error.</summary>
    public static Result<MemberFilter> Parse(MemberListQuery query)
    {
        var filter = Lenient(query, out var errors);
        return errors.Count == 0 ? filter : errors[0];
    }

    /// <summary>Parses what can be parsed and ignores the rest, listing what was ignored (for pages, where a stale link should still show something).</summary>
    public static MemberFilter Lenient(MemberListQuery query, out IReadOnlyList<DomainError> errors)
    {
        ArgumentNullException.ThrowIfNull(query);
        var found = new List<DomainError>();
        if (!EnumText.TryParse<CoalitionStatus>(query.Status, out var status))
        {
            found.Add(DomainError.Invalid("status", "Unknown status: use coChair, member, partner, observer or former."));
        }

        if (!EnumText.TryParse<MemberKind>(query.Kind, out var kind))
        {
            found.Add(DomainError.Invalid("kind", "Unknown kind: use state, organisation or secretariat."));
        }

        if (!EnumText.TryParse<MemberSort>(query.Sort, out var sort))
        {
            found.Add(DomainError.Invalid("sort", "Unknown order: use name, code or status."));
        }

        errors = found;
        return new MemberFilter(status, kind, string.IsNullOrWhiteSpace(query.Q) ? null : query.Q.Trim(), sort ?? MemberSort.Name, query.Desc == true);
    }
}

/// <summary><c>GET /members</c>: the members the caller may see, filtered, sorted and paged.</summary>
public static class ListMembers
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/members", HandleAsync)
            .WithName("ListMembers")
            .WithSummary("List members")
            .WithDescription("Members of the coalition released to you, with the status in force today. The total counts only what you may see.");

    public static async Task<Results<Ok<Paged<MemberSummary>>, ProblemHttpResult>> HandleAsync(
        [AsParameters] MemberListQuery query,
        [AsParameters] PageRequest page,
        EntenteDbContext db,
        ISecurityPolicyCatalog catalog,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var filter = MemberFilter.Parse(query);
        return filter.IsSuccess
            ? TypedResults.Ok(await QueryAsync(db, catalog.Current, time.Today(), filter.Value!, page, cancellationToken))
            : filter.Error!.ToProblem();
    }

    /// <summary>The query behind the API and the members page.</summary>
    public static async Task<Paged<MemberSummary>> QueryAsync(
        EntenteDbContext db, PolicySnapshot policy, DateOnly today, MemberFilter query, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(query);
        IQueryable<Member> members = db.Members.AsNoTracking();
        if (query.Kind is { } kind)
        {
            members = members.Where(m => m.Kind == kind);
        }

        if (query.Status is { } status)
        {
            members = members.Where(m => m.Statuses.Any(p => p.Status == status && p.From <= today && (p.To == null || p.To >= today)));
        }

        if (query.Text is { } text)
        {
            // SQLite's upper() and lower() fold ASCII letters only; comparing both foldings also finds names whose
            // accented letters were typed in the name's own case ("tür" and "TÜR" both find Türkiye).
            var upper = text.ToUpperInvariant();
            var lower = text.ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // Translated to SQL upper() and lower(); never evaluated in memory.
            members = members.Where(m => m.Code.Contains(upper) || m.Name.ToUpper().Contains(upper) || m.Name.ToLower().Contains(lower));
#pragma warning restore CA1304, CA1311, CA1862
        }

        var descending = query.Descending;
        var ordered = query.Sort switch
        {
            MemberSort.Code => descending ? members.OrderByDescending(m => m.Code) : members.OrderBy(m => m.Code),
            MemberSort.Status => (descending ? members.OrderByDescending(StatusRank(today)) : members.OrderBy(StatusRank(today)))
                .ThenBy(m => m.Name).ThenBy(m => m.Code),
            MemberSort.Name => descending
                ? members.OrderByDescending(m => m.Name).ThenByDescending(m => m.Code)
                : members.OrderBy(m => m.Name).ThenBy(m => m.Code),
        };

        return await ordered.Include(m => m.Statuses).ToPagedAsync(page, m => RegistryViews.Summary(m, policy, today), cancellationToken);
    }

    /// <summary>The order of the status in force on <paramref name="today"/>, as SQL both providers translate.</summary>
    private static System.Linq.Expressions.Expression<Func<Member, int>> StatusRank(DateOnly today) =>
        m => m.Statuses
            .Where(p => p.From <= today && (p.To == null || p.To >= today))
            .Select(p => (int?)(p.Status == CoalitionStatus.CoChair ? 0
                : p.Status == CoalitionStatus.Member ? 1
                : p.Status == CoalitionStatus.Partner ? 2
                : p.Status == CoalitionStatus.Observer ? 3
                : 4))
            .FirstOrDefault() ?? 5;
}
