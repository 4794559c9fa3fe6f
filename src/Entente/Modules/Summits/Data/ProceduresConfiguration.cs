using Entente.Infrastructure.Data;
using Entente.Modules.Summits.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Entente.Modules.Summits.Data;

internal sealed class ProposalConfiguration : IEntityTypeConfiguration<Proposal>
{
    public void Configure(EntityTypeBuilder<Proposal> builder)
    {
        builder.ToTable("summits_proposals");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Title).HasMaxLength(Proposal.MaxTitleLength);
        builder.Property(p => p.Text).HasMaxLength(Proposal.MaxTextLength);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(24);
        builder.Property(p => p.Procedure).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.OutcomeNote).HasMaxLength(Proposal.MaxReasonLength + 64);
        builder.Property(p => p.CreatedBy).HasMaxLength(256);
        builder.Property(p => p.Revision).IsConcurrencyToken();
        builder.HasLabel();
        builder.HasMany(p => p.Versions).WithOne().HasForeignKey(v => v.ProposalId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Versions).HasField("_versions").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(p => p.Positions).WithOne().HasForeignKey(v => v.ProposalId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Positions).HasField("_positions").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(p => p.Breaks).WithOne().HasForeignKey(v => v.ProposalId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Breaks).HasField("_breaks").UsePropertyAccessMode(PropertyAccessMode.Field);

        // The silence job looks for running procedures whose deadline has passed.
        builder.HasIndex(p => new { p.Status, p.SilenceDeadline });
        builder.HasIndex(p => p.UpdatedAt);
    }
}

internal sealed class ProposalVersionConfiguration : IEntityTypeConfiguration<ProposalVersion>
{
    public void Configure(EntityTypeBuilder<ProposalVersion> builder)
    {
        builder.ToTable("summits_proposal_versions");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.Property(v => v.Title).HasMaxLength(Proposal.MaxTitleLength);
        builder.Property(v => v.Text).HasMaxLength(Proposal.MaxTextLength);
        builder.Property(v => v.Reason).HasMaxLength(Proposal.MaxReasonLength);
        builder.Property(v => v.By).HasMaxLength(256);
        builder.Property(v => v.ByMember).HasMaxLength(8);
        builder.HasIndex(v => new { v.ProposalId, v.Number }).IsUnique();
        builder.IsAuditedUnderLabelOf<ProposalVersion, Proposal>();
    }
}

internal sealed class ProposalPositionConfiguration : IEntityTypeConfiguration<ProposalPosition>
{
    public void Configure(EntityTypeBuilder<ProposalPosition> builder)
    {
        builder.ToTable("summits_proposal_positions");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Member).HasMaxLength(8);
        builder.Property(p => p.Stance).HasConversion<string>().HasMaxLength(24);
        builder.Property(p => p.Statement).HasMaxLength(Proposal.MaxStatementLength);
        builder.Property(p => p.By).HasMaxLength(256);
        builder.HasIndex(p => new { p.ProposalId, p.Round, p.Member });
        builder.HasIndex(p => new { p.Member, p.Round });
        builder.IsAuditedUnderLabelOf<ProposalPosition, Proposal>();
    }
}

internal sealed class SilenceBreakConfiguration : IEntityTypeConfiguration<SilenceBreak>
{
    public void Configure(EntityTypeBuilder<SilenceBreak> builder)
    {
        builder.ToTable("summits_silence_breaks");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Id).ValueGeneratedNever();
        builder.Property(b => b.Member).HasMaxLength(8);
        builder.Property(b => b.Reason).HasMaxLength(Proposal.MaxReasonLength);
        builder.Property(b => b.By).HasMaxLength(256);

        // One break per round, whatever two instances or two delegates do at the same moment.
        builder.HasIndex(b => new { b.ProposalId, b.Round }).IsUnique();
        builder.IsAuditedUnderLabelOf<SilenceBreak, Proposal>();
    }
}

internal sealed class DecisionConfiguration : IEntityTypeConfiguration<Decision>
{
    public void Configure(EntityTypeBuilder<Decision> builder)
    {
        builder.ToTable("summits_decisions");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.Title).HasMaxLength(Proposal.MaxTitleLength);
        builder.Property(d => d.Text).HasMaxLength(Proposal.MaxTextLength);
        builder.Property(d => d.Procedure).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.RecordedBy).HasMaxLength(256);
        builder.HasLabel();
        builder.HasOne<Proposal>().WithMany().HasForeignKey(d => d.ProposalId).OnDelete(DeleteBehavior.Restrict);

        // A proposal is adopted once: the database refuses a second decision even from a second instance.
        builder.HasIndex(d => d.ProposalId).IsUnique();
        builder.HasIndex(d => d.AdoptedAt);
        builder.HasMany(d => d.Statements).WithOne().HasForeignKey(s => s.DecisionId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(d => d.Statements).HasField("_statements").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class DecisionStatementConfiguration : IEntityTypeConfiguration<DecisionStatement>
{
    public void Configure(EntityTypeBuilder<DecisionStatement> builder)
    {
        builder.ToTable("summits_decision_statements");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Member).HasMaxLength(8);
        builder.Property(s => s.Stance).HasConversion<string>().HasMaxLength(24);
        builder.Property(s => s.Statement).HasMaxLength(Proposal.MaxStatementLength);
        builder.IsAuditedUnderLabelOf<DecisionStatement, Decision>();
    }
}

internal sealed class CommuniqueConfiguration : IEntityTypeConfiguration<Communique>
{
    public void Configure(EntityTypeBuilder<Communique> builder)
    {
        builder.ToTable("summits_communiques");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Title).HasMaxLength(Proposal.MaxTitleLength);
        builder.Property(c => c.Text).HasMaxLength(Communique.MaxTextLength);
        builder.Property(c => c.ReleasedBy).HasMaxLength(256);
        builder.HasLabel();
        builder.HasOne<Decision>().WithMany().HasForeignKey(c => c.DecisionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.DecisionId).IsUnique();
        builder.HasIndex(c => c.ReleasedAt);
    }
}
