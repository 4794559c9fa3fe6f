using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Modules.Forces.Domain;
using Entente.Modules.Sharing.Domain;
using Microsoft.EntityFrameworkCore;

namespace Entente.Demo;

/// <summary>
/// A few messages on the Paris leaders' summit and on France's headquarters offer, with different labels: the same
/// thread reads differently for Poland (the summit's RESTRICTED messages only) and for the co-chairs (all of them).
/// </summary>
internal static class DemoMessages
{
    private static readonly string[] CoChairsAndSecretariat = ["FRA", "GBR", DemoSeeder.SecretariatCode];

    public static async Task AddToAsync(EntenteDbContext db, IReadOnlyDictionary<string, Guid> userIds, DateTime now, CancellationToken cancellationToken)
    {
        var demoAuthors = userIds.Values.ToList();
        if (await db.Messages.IgnoreQueryFilters().AnyAsync(m => m.AuthorUserId != null && demoAuthors.Contains(m.AuthorUserId.Value), cancellationToken))
        {
            return;
        }

        var paris = await db.Meetings.IgnoreQueryFilters().AsNoTracking()
            .Where(m => m.Title.StartsWith("Coalition of the willing") && m.Title.EndsWith(DemoMeetings.Marker))
            .Select(m => new { m.Id, m.Label }).FirstOrDefaultAsync(cancellationToken);
        var headquarters = await db.Offers.IgnoreQueryFilters().AsNoTracking()
            .Where(o => o.MemberCode == "FRA" && o.Capability == Capability.CommandAndControl)
            .Select(o => new { o.Id, o.Label }).FirstOrDefaultAsync(cancellationToken);
        MessageAuthor Author(string user, string member) => new(userIds[user], user, member);

        if (paris is not null)
        {
            var opening = Post("meeting", paris.Id, null,
                "Proposal for the opening session: the Secretariat summarises the force generation status, then each co-chair speaks for five minutes.",
                paris.Label, Author("delegate.fra", "FRA"), now.AddHours(-30));
            db.Messages.Add(opening);
            db.Messages.Add(Post("meeting", paris.Id, opening.Id,
                "Poland supports this order and asks for ten minutes on the eastern flank air defence offer.",
                paris.Label, Author("delegate.pol", "POL"), now.AddHours(-28)));
            // Between the co-chairs and the Secretariat only: the other members' delegates do not see it, nor count it.
            db.Messages.Add(Post("meeting", paris.Id, opening.Id,
                "Co-chairs only: we should agree the framework-nation question before the session, not in it.",
                Label.Create(ClassificationLevels.Confidential, CoChairsAndSecretariat, "GBR"), Author("delegate.gbr", "GBR"), now.AddHours(-26)));
        }

        if (headquarters is not null)
        {
            db.Messages.Add(Post("offer", headquarters.Id, null,
                "The Secretariat would need the headquarters at initial operating capability 30 days before the first rotation. Is that compatible with the notice to move?",
                headquarters.Label, Author("secretariat", DemoSeeder.SecretariatCode), now.AddHours(-20)));
            db.Messages.Add(Post("offer", headquarters.Id, null,
                "Yes, subject to parliamentary approval of the framework-nation role; we expect the vote within the month.",
                headquarters.Label, Author("delegate.fra", "FRA"), now.AddHours(-18)));
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The demo's messages go with its users (a reset seeds them again).</summary>
    public static async Task RemoveAsync(EntenteDbContext db, IReadOnlyCollection<Guid> demoUserIds, CancellationToken cancellationToken)
    {
        var ids = demoUserIds.ToList();
        var messages = await db.Messages.IgnoreQueryFilters()
            .Where(m => m.AuthorUserId != null && ids.Contains(m.AuthorUserId.Value)).ToListAsync(cancellationToken);
        // Replies first: a reply holds a reference to the message it answers.
        db.Messages.RemoveRange(messages.Where(m => m.ReplyToId != null));
        await db.SaveChangesAsync(cancellationToken);
        db.Messages.RemoveRange(messages.Where(m => m.ReplyToId == null));
        await db.SaveChangesAsync(cancellationToken);
    }

    private static Message Post(string kind, Guid id, Guid? replyTo, string body, Label label, MessageAuthor author, DateTime at)
    {
        var posted = Message.Post(kind, id, replyTo, body, label, author, at);
        return posted.Value ?? throw new InvalidOperationException($"Demo message refused: {posted.Error!.Detail}");
    }
}
