using Entente.Modules.Forces.Domain;
using Microsoft.EntityFrameworkCore;

namespace Entente.Infrastructure.Data;

/// <summary>Forces, statement of requirements: the sets and the label filter of the rows that belong to a line.</summary>
public sealed partial class EntenteDbContext
{
    public DbSet<RequirementLine> RequirementLines => Set<RequirementLine>();

    /// <summary>Read through <see cref="RequirementLines"/> only: versions carry no label of their own.</summary>
    public DbSet<RequirementVersion> RequirementVersions => Set<RequirementVersion>();

    /// <summary>A line's versions are visible only to whoever may read the line.</summary>
    private void ConfigureRequirementFilters(ModelBuilder builder) =>
        builder.Entity<RequirementVersion>().HasQueryFilter(LabelFilter, v => Set<RequirementLine>().Any(l => l.Id == v.RequirementLineId));
}
