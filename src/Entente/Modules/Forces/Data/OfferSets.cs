using Entente.Modules.Forces.Domain;
using Microsoft.EntityFrameworkCore;

namespace Entente.Infrastructure.Data;

/// <summary>Forces, national offers: the sets and the label filters of the rows that belong to an offer.</summary>
public sealed partial class EntenteDbContext
{
    public DbSet<Offer> Offers => Set<Offer>();

    /// <summary>Read through <see cref="Offers"/> only: conditions carry no label of their own.</summary>
    public DbSet<OfferCondition> OfferConditions => Set<OfferCondition>();

    /// <summary>Read through <see cref="Offers"/> only: plan steps carry no label of their own.</summary>
    public DbSet<OfferPlanStep> OfferPlanSteps => Set<OfferPlanStep>();

    /// <summary>Read through <see cref="Offers"/> only: readiness moves carry no label of their own.</summary>
    public DbSet<OfferReadinessMove> OfferReadinessMoves => Set<OfferReadinessMove>();

    /// <summary>Read through <see cref="Offers"/> only: versions carry no label of their own.</summary>
    public DbSet<OfferVersion> OfferVersions => Set<OfferVersion>();

    /// <summary>Rows of an offer are visible only to whoever may read the offer.</summary>
    private void ConfigureOfferFilters(ModelBuilder builder)
    {
        builder.Entity<OfferCondition>().HasQueryFilter(LabelFilter, c => Set<Offer>().Any(o => o.Id == c.OfferId));
        builder.Entity<OfferPlanStep>().HasQueryFilter(LabelFilter, s => Set<Offer>().Any(o => o.Id == s.OfferId));
        builder.Entity<OfferReadinessMove>().HasQueryFilter(LabelFilter, m => Set<Offer>().Any(o => o.Id == m.OfferId));
        builder.Entity<OfferVersion>().HasQueryFilter(LabelFilter, v => Set<Offer>().Any(o => o.Id == v.OfferId));
    }
}
