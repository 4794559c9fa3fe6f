using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Modules.Forces.Domain;
using Microsoft.EntityFrameworkCore;

namespace Entente.Demo;

/// <summary>
/// The first force-generation conference of the demo: two rounds on the demo statement of requirements with the demo
/// offers. In round 1 nations bid their offers against lines of the same capability; in round 2 most bids are confirmed,
/// one is withdrawn, and the round stays open for the Secretariat to carry on. Illustrative, like the offers it uses.
/// </summary>
public static class DemoConference
{
    public const string Title = "Force generation conference 1";

    /// <summary>Adds the conference once the demo lines and offers are stored.</summary>
    public static async Task AddToAsync(EntenteDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await db.ForceGenerationConferences.IgnoreQueryFilters().AnyAsync(c => c.Title == Title && c.CreatedBy == DemoRequirements.Actor, cancellationToken))
        {
            return;
        }

        var actor = new ForcesActor(DemoRequirements.Actor, DemoSeeder.SecretariatCode);
        var lines = await db.RequirementLines.IgnoreQueryFilters().Where(l => l.CreatedBy == DemoRequirements.Actor && l.Status == RequirementStatus.Active)
            .OrderBy(l => l.Number).ToListAsync(cancellationToken);
        var offers = await db.Offers.IgnoreQueryFilters().Where(o => o.Status == OfferStatus.Offered).OrderBy(o => o.MemberCode).ThenBy(o => o.Id)
            .ToListAsync(cancellationToken);
        var label = Label.Create(ClassificationLevels.Restricted, originator: DemoSeeder.SecretariatCode);
        var conference = ForceGenerationConference.Convene(Title, DateOnly.FromDateTime(now).AddDays(-7), "Mons (SHAPE)", online: true, label, actor, now.AddDays(-7)).Value!;
        conference.OpenNextRound(actor, now.AddDays(-7));

        // Round 1: each offer goes, as far as it lasts, to the lines of its capability in the statement's order.
        var left = offers.ToDictionary(o => o.Id, o => o.Quantity);
        var sequence = offers.ToDictionary(o => o.Id, _ => 0);
        var bids = new List<ConferenceBid>();
        foreach (var line in lines)
        {
            var needed = line.DesiredQuantity;
            foreach (var offer in offers.Where(o => o.Capability == line.Capability && left[o.Id] > 0))
            {
                if (needed <= 0 || (offer.Indivisible && left[offer.Id] != offer.Quantity))
                {
                    continue;
                }

                var quantity = offer.Indivisible ? offer.Quantity : Math.Min(left[offer.Id], needed);
                var bid = conference.Bid(1, offer.MemberCode,
                    new BidOffer(offer.Id, offer.MemberCode, offer.Capability, offer.Quantity, offer.Indivisible, true, offer.Quantity - left[offer.Id], sequence[offer.Id]),
                    new BidLine(line.Id, line.Code, line.Capability, true), quantity, "Put forward by the national delegation.", actor, now.AddDays(-7));
                if (bid.IsSuccess)
                {
                    bids.Add(bid.Value!);
                    sequence[offer.Id]++;
                    left[offer.Id] -= quantity;
                    needed -= quantity;
                }
            }
        }

        conference.CloseRound(1, actor, now.AddDays(-6));
        conference.OpenNextRound(actor, now.AddDays(-1));

        // Round 2: the nations confirm all but every fourth bid; one nation takes a bid back pending its parliament.
        for (var i = 0; i < bids.Count; i++)
        {
            if (i == 2)
            {
                conference.Withdraw(bids[i].Id, "Withdrawn pending the national parliament's vote.", actor, now.AddDays(-1));
            }
            else if (i % 4 != 3)
            {
                conference.Confirm(bids[i].Id, actor, now.AddDays(-1));
            }
        }

        db.ForceGenerationConferences.Add(conference);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Removes the demo conference (rounds and bids go with it).</summary>
    public static async Task RemoveAsync(EntenteDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.ForceGenerationConferences.RemoveRange(await db.ForceGenerationConferences.IgnoreQueryFilters()
            .Where(c => c.Title == Title && c.CreatedBy == DemoRequirements.Actor).ToListAsync(cancellationToken));
    }
}
