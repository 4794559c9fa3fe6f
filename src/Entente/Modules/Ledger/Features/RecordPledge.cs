using System.Security.Claims;
using Entente.Infrastructure;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Problems;
using Entente.Modules.Identity;
using Entente.Modules.Ledger.Contracts;
using Entente.Modules.Ledger.Domain;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Registry.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Ledger.Features;

/// <summary><c>POST /pledges</c>: records an announced pledge with its sources.</summary>
public static class RecordPledge
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/pledges", HandleAsync)
            .RequireAuthorization(Policies.RecordPledges)
            .Idempotent()
            .WithName("RecordPledge")
            .WithSummary("Record a pledge")
            .WithDescription("Records an announced pledge: donor, date, measure, type, value as reported (minor units and ISO 4217 currency), valuation basis, channel, sources and label. The value is converted to euros at the ECB rate of the announcement date. Delegates record their own member's pledges.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<Created<PledgeDetail>, ProblemHttpResult>> HandleAsync(
        PledgeInput request, ClaimsPrincipal user, EntenteDbContext db, ISecurityPolicyCatalog catalog, IFxRates rates,
        PlatformOptions platform, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var result = await ExecuteAsync(request, user, db, catalog, rates, platform, time, cancellationToken);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/pledges/{result.Value!.Id}", LedgerViews.Detail(result.Value, [], catalog.Current))
            : result.Error!.ToProblem();
    }

    public static async Task<Result<Pledge>> ExecuteAsync(
        PledgeInput request, ClaimsPrincipal user, EntenteDbContext db, ISecurityPolicyCatalog catalog, IFxRates rates,
        PlatformOptions platform, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(db);
        var resolved = await LedgerAccess.ResolveAsync(request, user, db, catalog, platform, time.Today(), null, cancellationToken);
        if (!resolved.IsSuccess)
        {
            return resolved.Error!;
        }

        var r = resolved.Value!;
        var announced = Pledge.Announce(r.Donor, r.Details, r.Sources, r.Label, r.Parent?.Id, rates, LedgerAccess.ActorOf(db.Caller), time.UtcNow());
        if (!announced.IsSuccess)
        {
            return announced.Error!;
        }

        var pledge = announced.Value!;
        db.Pledges.Add(pledge);
        r.Parent?.SetPackage(true);
        var saved = await LedgerStore.SaveAsync(db, pledge, cancellationToken);
        return saved.IsSuccess ? pledge : saved.Error!;
    }
}

/// <summary>Stores a changed pledge with its new versions, one transaction, refusing a concurrent change.</summary>
public static class LedgerStore
{
    public static async Task<Result> SaveAsync(EntenteDbContext db, Pledge pledge, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(pledge);
        db.PledgeVersions.AddRange(pledge.TakeNewVersions());
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return Result.Success;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.Pledges.AsNoTracking().Where(p => p.Id == pledge.Id).Select(p => (int?)p.Version).FirstOrDefaultAsync(cancellationToken);
            return LedgerAccess.VersionConflict(current ?? 0);
        }
    }
}
