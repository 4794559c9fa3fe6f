using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Modules.Sharing.Domain;
using Microsoft.EntityFrameworkCore;

namespace Entente.Demo;

/// <summary>
/// Demo sharing: the "Air policing cell", a group of the co-chairs and the Nordic and Polish air forces that hides its
/// member list from the members that neither own nor extend it, and one pending release request — the United Kingdom's
/// delegate asks that a British offer released to the co-chairs and the Secretariat be released to Poland too, which
/// the United Kingdom's releaser may approve.
/// </summary>
public static class DemoSharing
{
    public const string AirPolicingCell = "Air policing cell";

    public static async Task AddToAsync(EntenteDbContext db, IReadOnlyDictionary<string, Guid> userIds, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(userIds);
        if (!await db.SharingGroups.AnyAsync(g => g.Name == AirPolicingCell, cancellationToken))
        {
            var cell = SharingGroup.Create(AirPolicingCell,
                "Coordination of air policing over the western approaches; members other than the owner and extenders do not see who else takes part.",
                "GBR", hideMembers: true, now).Value!;
            cell.AddMember("GBR", "FRA", canExtend: true, now);
            foreach (var member in new[] { "POL", "NOR", "DNK", "SWE" })
            {
                cell.AddMember("GBR", member, canExtend: false, now);
            }

            db.SharingGroups.Add(cell);
        }

        // A reset replaces the demo offers: requests about offers that are gone go with them.
        db.ReleaseRequests.RemoveRange(await db.ReleaseRequests.IgnoreQueryFilters()
            .Where(r => r.RecordKind == "offer" && !db.Offers.IgnoreQueryFilters().Any(o => o.Id == r.RecordId))
            .ToListAsync(cancellationToken));

        // A British offer released to named members only; the request adds Poland to its releasability.
        var offer = await db.Offers.IgnoreQueryFilters().AsNoTracking()
            .Where(o => o.MemberCode == "GBR" && o.Label.ReleasableTo != "")
            .Select(o => new { o.Id, o.UnitType, o.Label })
            .FirstOrDefaultAsync(cancellationToken);
        if (offer is not null && userIds.TryGetValue("delegate.gbr", out var requester)
            && !await db.ReleaseRequests.IgnoreQueryFilters().AnyAsync(r => r.RecordId == offer.Id, cancellationToken))
        {
            var current = offer.Label;
            var proposed = Label.Create(current.Classification, [.. current.ReleasableToCodes, "POL"], current.Originator,
                current.SharingGroupId, current.Tlp, current.CategoryCodes, current.Policy);
            var opened = ReleaseRequest.Open("offer", offer.Id, "GBR offer: " + (offer.UnitType ?? "unit"), current, proposed,
                "Poland hosts the forward logistics hub this unit would use; its planners need the offer's availability and caveats.",
                requester, "delegate.gbr", "GBR", now);
            if (opened.Value is { } release)
            {
                release.RecordPath = $"/forces/offers/{offer.Id}";
                db.ReleaseRequests.Add(release);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
