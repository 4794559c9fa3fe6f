using Entente.Infrastructure.Data;
using Entente.Modules.Registry.Domain;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Registry.Contracts;

/// <summary>
/// What other modules may ask the registry about members: which codes are active members today, who co-chairs the
/// coalition, and which member is the Secretariat. Every answer goes through the label filter, so a member the caller
/// may not see is, for the caller, no member at all.
/// </summary>
public static class MemberDirectory
{
    /// <summary>
    /// The codes among <paramref name="codes"/> of members the caller may see whose status on <paramref name="today"/>
    /// is co-chair, member, partner or observer (not former, and not before their first period).
    /// </summary>
    public static async Task<IReadOnlySet<string>> ActiveAmongAsync(EntenteDbContext db, IEnumerable<string> codes, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var wanted = codes.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim().ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0)
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }

        var members = await db.Members.AsNoTracking().Include(m => m.Statuses).Where(m => wanted.Contains(m.Code)).ToListAsync(cancellationToken);
        return members.Where(m => m.StatusOn(today) is { } s && s != CoalitionStatus.Former).Select(m => m.Code).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The co-chairs on <paramref name="today"/>, and the members of kind <see cref="MemberKind.Secretariat"/>.</summary>
    public static async Task<(IReadOnlyList<string> CoChairs, IReadOnlyList<string> Secretariat)> LeadershipAsync(
        EntenteDbContext db, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var members = await db.Members.AsNoTracking().Include(m => m.Statuses)
            .Where(m => m.Kind == MemberKind.Secretariat || m.Statuses.Any(s => s.Status == CoalitionStatus.CoChair))
            .ToListAsync(cancellationToken);
        return (
            members.Where(m => m.StatusOn(today) == CoalitionStatus.CoChair).Select(m => m.Code).Order(StringComparer.Ordinal).ToList(),
            members.Where(m => m.Kind == MemberKind.Secretariat).Select(m => m.Code).Order(StringComparer.Ordinal).ToList());
    }
}
