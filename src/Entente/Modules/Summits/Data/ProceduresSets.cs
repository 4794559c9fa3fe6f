using Entente.Modules.Summits.Domain;
using Microsoft.EntityFrameworkCore;

namespace Entente.Infrastructure.Data;

/// <summary>Summits, proposals and decision procedures: the sets of part B.</summary>
public sealed partial class EntenteDbContext
{
    public DbSet<Proposal> Proposals => Set<Proposal>();

    /// <summary>Read through <see cref="Proposals"/> only: versions carry no label of their own.</summary>
    public DbSet<ProposalVersion> ProposalVersions => Set<ProposalVersion>();

    /// <summary>Read through <see cref="Proposals"/> only.</summary>
    public DbSet<ProposalPosition> ProposalPositions => Set<ProposalPosition>();

    /// <summary>Read through <see cref="Proposals"/> only.</summary>
    public DbSet<SilenceBreak> SilenceBreaks => Set<SilenceBreak>();

    public DbSet<Decision> Decisions => Set<Decision>();

    /// <summary>Read through <see cref="Decisions"/> only.</summary>
    public DbSet<DecisionStatement> DecisionStatements => Set<DecisionStatement>();

    public DbSet<Communique> Communiques => Set<Communique>();

    /// <summary>Rows of part B that carry no label are visible only with their labelled owner.</summary>
    private void ApplyProcedureChildFilters(ModelBuilder builder)
    {
        builder.Entity<ProposalVersion>().HasQueryFilter(LabelFilter, v => Set<Proposal>().Any(p => p.Id == v.ProposalId));
        builder.Entity<ProposalPosition>().HasQueryFilter(LabelFilter, v => Set<Proposal>().Any(p => p.Id == v.ProposalId));
        builder.Entity<SilenceBreak>().HasQueryFilter(LabelFilter, v => Set<Proposal>().Any(p => p.Id == v.ProposalId));
        builder.Entity<DecisionStatement>().HasQueryFilter(LabelFilter, s => Set<Decision>().Any(d => d.Id == s.DecisionId));
    }
}
