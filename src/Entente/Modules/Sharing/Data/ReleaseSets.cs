using Entente.Modules.Sharing.Domain;
using Microsoft.EntityFrameworkCore;

namespace Entente.Infrastructure.Data;

/// <summary>Sharing, release requests: the sets and the label filter of approvals.</summary>
public sealed partial class EntenteDbContext
{
    /// <summary>Each request is read under the label its record had when the release was requested.</summary>
    public DbSet<ReleaseRequest> ReleaseRequests => Set<ReleaseRequest>();

    /// <summary>Approvals carry no label of their own; they are read with their request.</summary>
    public DbSet<ReleaseApproval> ReleaseApprovals => Set<ReleaseApproval>();

    /// <summary>An approval is visible only with its request (so only to those who may read the record).</summary>
    private void ConfigureReleaseFilters(ModelBuilder builder) =>
        builder.Entity<ReleaseApproval>().HasQueryFilter(LabelFilter, a => Set<ReleaseRequest>().Any(r => r.Id == a.RequestId));
}
