using Entente.Infrastructure.Data;
using Entente.Modules.Summits.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Entente.Modules.Summits.Data;

internal sealed class ConsultationConfiguration : IEntityTypeConfiguration<Consultation>
{
    public void Configure(EntityTypeBuilder<Consultation> builder)
    {
        builder.ToTable("summits_consultations");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.OriginKind).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.OriginTitle).HasMaxLength(Consultation.MaxOriginTitleLength);
        builder.Property(c => c.OpenedBy).HasMaxLength(256);
        builder.HasLabel();
        builder.HasOne<Meeting>().WithMany().HasForeignKey(c => c.MeetingId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Proposal>().WithMany().HasForeignKey(c => c.ProposalId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.OriginKind, c.OriginId });
    }
}
