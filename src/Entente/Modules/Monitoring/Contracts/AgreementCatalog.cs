using System.Collections.Concurrent;
using Entente.Infrastructure.Data;
using Entente.Modules.Monitoring.Domain;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;

namespace Entente.Modules.Monitoring.Contracts;

/// <summary>
/// The ceasefire agreements and their prepared geometry, kept in memory for zone checks. Reloaded when an agreement
/// changes on this instance, and checked for changes made elsewhere at most every <see cref="StaleAfter"/>.
/// Zone checks use every agreement, whatever the caller may read, so that a report is placed the same way whoever
/// files it.
/// </summary>
public sealed class AgreementCatalog(TimeProvider time) : IDisposable
{
    /// <summary>How far outside an agreement's lines and zones an observation may lie and still be accepted.</summary>
    public const double AreaMarginMetres = 100_000;

    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<(Guid, int), ZoneChecker> _checkers = new();
    private volatile Snapshot? _snapshot;
    private readonly SemaphoreSlim _loading = new(1, 1);

    public void Invalidate() => _snapshot = null;

    public void Dispose() => _loading.Dispose();

    public async Task<IReadOnlyList<AgreementArea>> AgreementsAsync(EntenteDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var snapshot = _snapshot;
        var now = time.GetUtcNow();
        if (snapshot is not null && now - snapshot.LoadedAt < StaleAfter)
        {
            return snapshot.Areas;
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            var agreementRows = db.Agreements.IgnoreQueryFilters();
            var count = await agreementRows.CountAsync(cancellationToken);
            var latest = await agreementRows.MaxAsync(a => (DateTime?)a.UpdatedAt, cancellationToken);
            var key = (count, latest ?? DateTime.MinValue);
            if (snapshot is not null && snapshot.Stamp == key)
            {
                _snapshot = snapshot with { LoadedAt = now };
                return snapshot.Areas;
            }

            var agreements = await db.Agreements.IgnoreQueryFilters().AsNoTracking().Include(a => a.Geometries)
                .OrderBy(a => a.StartsAt).ThenBy(a => a.Id).ToListAsync(cancellationToken);
            var areas = agreements.Select(a => new AgreementArea(a, Envelope(a))).ToList();
            _checkers.Clear();
            _snapshot = new Snapshot(areas, key, now);
            return areas;
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>The checker of one geometry version of an agreement.</summary>
    public ZoneChecker CheckerFor(CeasefireAgreement agreement, int version)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        return _checkers.GetOrAdd((agreement.Id, version), _ => new ZoneChecker([.. agreement.Geometries.Where(g => g.Version == version)]));
    }

    private static Envelope Envelope(CeasefireAgreement agreement)
    {
        var envelope = new Envelope();
        foreach (var g in agreement.Geometries)
        {
            envelope.ExpandToInclude(ZoneGeometry.ReadGeometry(g.GeoJson).EnvelopeInternal);
        }

        return envelope;
    }

    private sealed record Snapshot(IReadOnlyList<AgreementArea> Areas, (int, DateTime) Stamp, DateTimeOffset LoadedAt);
}

/// <summary>An agreement with the bounding box of all its geometry (degrees).</summary>
public sealed record AgreementArea(CeasefireAgreement Agreement, Envelope Envelope)
{
    /// <summary>Whether a point lies within the margin of the agreement's lines and zones.</summary>
    public bool Covers(double latitude, double longitude)
    {
        if (Envelope.IsNull)
        {
            return false;
        }

        var dLat = GeoMath.LatitudeDegrees(AgreementCatalog.AreaMarginMetres);
        var dLon = GeoMath.LongitudeDegrees(AgreementCatalog.AreaMarginMetres, latitude);
        return latitude >= Envelope.MinY - dLat && latitude <= Envelope.MaxY + dLat
            && longitude >= Envelope.MinX - dLon && longitude <= Envelope.MaxX + dLon;
    }
}
