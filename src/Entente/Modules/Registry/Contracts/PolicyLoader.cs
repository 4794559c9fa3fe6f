using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Registry.Contracts;

public static class PolicyLoader
{
    /// <summary>Reads the default policy from the database into the catalog.</summary>
    public static async Task LoadAsync(EntenteDbContext db, ISecurityPolicyCatalog catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(catalog);
        var policy = await db.SecurityPolicies.AsNoTracking()
            .Include(p => p.Classifications)
            .Include(p => p.Categories)
            .AsSplitQuery()
            .FirstOrDefaultAsync(p => p.Id == Label.DefaultPolicy, cancellationToken);
        if (policy is null)
        {
            return;
        }

        catalog.Replace(new PolicySnapshot(
            policy.Id,
            policy.Name,
            policy.ReadAuditThreshold,
            policy.Classifications.OrderBy(c => c.Rank).Select(c => new ClassificationInfo(c.Rank, c.Code, c.Name, c.Colour)).ToList(),
            policy.Categories.OrderBy(c => c.Code, StringComparer.Ordinal).Select(c => new CategoryInfo(c.Code, c.Name, c.IsRetired)).ToList()));
    }
}
