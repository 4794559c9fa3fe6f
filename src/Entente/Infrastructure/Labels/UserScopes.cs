using Entente.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Entente.Infrastructure.Labels;

/// <summary>
/// What users other than the caller may read, for work done on their behalf later (a webhook delivered by a
/// background job): built from the database as the request pipeline builds the caller's own scope, so that a
/// lowered clearance, a disabled account or a member leaving a sharing group takes effect at once.
/// </summary>
public static class UserScopes
{
    /// <summary>The scope of each active user among <paramref name="userIds"/>; disabled and removed users are absent.</summary>
    public static async Task<IReadOnlyDictionary<Guid, AccessScope>> OfAsync(EntenteDbContext db, IEnumerable<Guid> userIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(userIds);
        var ids = userIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return new Dictionary<Guid, AccessScope>();
        }

        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id) && !u.IsDisabled)
            .Select(u => new { u.Id, u.MemberCode, u.Clearance }).ToListAsync(cancellationToken);
        var members = users.Where(u => u.MemberCode != null).Select(u => u.MemberCode!).Distinct().ToList();
        var groups = (await db.SharingGroupMembers.AsNoTracking().Where(m => members.Contains(m.MemberCode))
                .Select(m => new { m.MemberCode, m.GroupId }).ToListAsync(cancellationToken))
            .ToLookup(m => m.MemberCode, m => m.GroupId, StringComparer.Ordinal);
        return users.ToDictionary(u => u.Id, u => AccessScope.ForUser(u.Clearance, u.MemberCode,
            u.MemberCode is null ? [] : [.. groups[u.MemberCode]]));
    }
}
