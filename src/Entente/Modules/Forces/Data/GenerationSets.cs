using Entente.Modules.Forces.Domain;
using Microsoft.EntityFrameworkCore;

namespace Entente.Infrastructure.Data;

/// <summary>Forces, force generation: scenarios, stored runs and the label filter of a run's assignments.</summary>
public sealed partial class EntenteDbContext
{
    public DbSet<ForceScenario> ForceScenarios => Set<ForceScenario>();

    public DbSet<ForceRun> ForceRuns => Set<ForceRun>();

    /// <summary>Read through <see cref="ForceRuns"/> only: assignments carry no label of their own.</summary>
    public DbSet<ForceRunAssignment> ForceRunAssignments => Set<ForceRunAssignment>();

    /// <summary>A run's assignments are visible only to whoever may read the run.</summary>
    private void ConfigureGenerationFilters(ModelBuilder builder) =>
        builder.Entity<ForceRunAssignment>().HasQueryFilter(LabelFilter, a => Set<ForceRun>().Any(r => r.Id == a.RunId));
}
