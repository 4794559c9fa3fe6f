using Entente.Infrastructure.Data;
using Entente.Modules.Forces.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Entente.Modules.Forces.Data;

internal sealed class ForceGenerationConferenceConfiguration : IEntityTypeConfiguration<ForceGenerationConference>
{
    public void Configure(EntityTypeBuilder<ForceGenerationConference> builder)
    {
        builder.ToTable("forces_conferences");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Title).HasMaxLength(ForceGenerationConference.MaxTitleLength);
        builder.Property(c => c.Venue).HasMaxLength(ForceGenerationConference.MaxVenueLength);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.CreatedBy).HasMaxLength(256);
        builder.Property(c => c.ClosedBy).HasMaxLength(256);
        builder.HasLabel();
        builder.HasMany(c => c.Rounds).WithOne().HasForeignKey(r => r.ConferenceId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Rounds).HasField("_rounds").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(c => c.Bids).WithOne().HasForeignKey(b => b.ConferenceId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Bids).HasField("_bids").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(c => c.OpenRound);
        builder.HasIndex(c => c.HeldOn);
    }
}

internal sealed class ConferenceRoundConfiguration : IEntityTypeConfiguration<ConferenceRound>
{
    public void Configure(EntityTypeBuilder<ConferenceRound> builder)
    {
        builder.ToTable("forces_conference_rounds");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.OpenedBy).HasMaxLength(256);
        builder.Property(r => r.ClosedBy).HasMaxLength(256);
        builder.Ignore(r => r.IsOpen);

        // Two Secretariat officers opening "the next round" at once meet here; the second gets a conflict.
        builder.HasIndex(r => new { r.ConferenceId, r.Number }).IsUnique();
        builder.IsAuditedUnderLabelOf<ConferenceRound, ForceGenerationConference>();
    }
}

internal sealed class ConferenceBidConfiguration : IEntityTypeConfiguration<ConferenceBid>
{
    public void Configure(EntityTypeBuilder<ConferenceBid> builder)
    {
        builder.ToTable("forces_conference_bids");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Id).ValueGeneratedNever();
        builder.Property(b => b.MemberCode).HasMaxLength(8);
        builder.Property(b => b.Note).HasMaxLength(ForceGenerationConference.MaxNoteLength);
        // Confirming and withdrawing change the status: an officer who read it before another changed it does not
        // overwrite that change (the update matches no row, and the officer gets a conflict).
        builder.Property(b => b.Status).HasConversion<string>().HasMaxLength(16).IsConcurrencyToken();
        builder.Property(b => b.BidBy).HasMaxLength(256);
        builder.Property(b => b.BidByMember).HasMaxLength(8);
        builder.Property(b => b.ConfirmedBy).HasMaxLength(256);
        builder.Property(b => b.WithdrawnBy).HasMaxLength(256);
        builder.Property(b => b.WithdrawalReason).HasMaxLength(ForceGenerationConference.MaxNoteLength);

        // Offers and lines are withdrawn, never deleted, in the platform; only the demo reset deletes them, with their bids.
        builder.HasOne<Offer>().WithMany().HasForeignKey(b => b.OfferId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<RequirementLine>().WithMany().HasForeignKey(b => b.RequirementLineId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(b => new { b.OfferId, b.Status });

        // The guard against over-committing an offer: two bids computed from the same remaining quantity claim the same
        // next number, and the second insert fails on both providers (see ForceGenerationConference.Bid).
        builder.HasIndex(b => new { b.OfferId, b.OfferSequence }).IsUnique();
        builder.HasIndex(b => new { b.ConferenceId, b.RequirementLineId });

        // The bid reveals the offer, so its audit entries are labelled as the offer is.
        builder.IsAuditedUnderLabelOf<ConferenceBid, Offer>();
    }
}
