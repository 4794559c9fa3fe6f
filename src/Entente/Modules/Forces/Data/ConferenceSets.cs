using Entente.Modules.Forces.Domain;
using Microsoft.EntityFrameworkCore;

namespace Entente.Infrastructure.Data;

/// <summary>Forces, force-generation conferences: the sets and the label filters of rounds and bids.</summary>
public sealed partial class EntenteDbContext
{
    public DbSet<ForceGenerationConference> ForceGenerationConferences => Set<ForceGenerationConference>();

    /// <summary>Read through <see cref="ForceGenerationConferences"/> only: rounds carry no label of their own.</summary>
    public DbSet<ConferenceRound> ConferenceRounds => Set<ConferenceRound>();

    /// <summary>Bids carry no label of their own; they are read under the labels of their offer, line and conference.</summary>
    public DbSet<ConferenceBid> ConferenceBids => Set<ConferenceBid>();

    /// <summary>
    /// A round is visible with its conference. A bid reveals a nation's offer, so it is visible only to whoever may read
    /// the offer — and the line it is put against and the conference it is made in.
    /// </summary>
    private void ConfigureConferenceFilters(ModelBuilder builder)
    {
        builder.Entity<ConferenceRound>().HasQueryFilter(LabelFilter, r => Set<ForceGenerationConference>().Any(c => c.Id == r.ConferenceId));
        builder.Entity<ConferenceBid>().HasQueryFilter(LabelFilter, b =>
            Set<Offer>().Any(o => o.Id == b.OfferId)
            && Set<RequirementLine>().Any(l => l.Id == b.RequirementLineId)
            && Set<ForceGenerationConference>().Any(c => c.Id == b.ConferenceId));
    }
}
