using System.ComponentModel.DataAnnotations;
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

/// <summary>A revision: the whole pledge as it should now read, why, and the version it was based on.</summary>
public sealed record RevisePledgeRequest : PledgeInput
{
    [Required]
    [StringLength(PledgeVersion.MaxReasonLength)]
    public string Reason { get; init; } = "";

    /// <summary>The version the revision was made from; a newer stored version answers 409.</summary>
    [Required]
    public int? ExpectedVersion { get; init; }
}

/// <summary><c>PUT /pledges/{id}</c>: revises what was announced, keeping the previous version.</summary>
public static class RevisePledge
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPut("/pledges/{id:guid}", HandleAsync)
            .RequireAuthorization(Policies.RecordPledges)
            .Idempotent()
            .WithName("RevisePledge")
            .WithSummary("Revise a pledge")
            .WithDescription("Replaces the pledge's announced details, sources and label, with a reason. The previous version stays in the history. Answers 409 when the pledge changed since expectedVersion.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<Ok<PledgeDetail>, ProblemHttpResult>> HandleAsync(
        Guid id, RevisePledgeRequest request, ClaimsPrincipal user, EntenteDbContext db, ISecurityPolicyCatalog catalog, IFxRates rates,
        PlatformOptions platform, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var result = await ExecuteAsync(id, request, user, db, catalog, rates, platform, time, cancellationToken);
        if (!result.IsSuccess)
        {
            return result.Error!.ToProblem();
        }

        var tranches = await LedgerAccess.TranchesAsync(db, id, cancellationToken);
        return TypedResults.Ok(LedgerViews.Detail(result.Value!, tranches, catalog.Current));
    }

    public static async Task<Result<Pledge>> ExecuteAsync(
        Guid id, RevisePledgeRequest request, ClaimsPrincipal user, EntenteDbContext db, ISecurityPolicyCatalog catalog, IFxRates rates,
        PlatformOptions platform, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(db);
        var pledge = await LedgerAccess.FindForUpdateAsync(db, id, cancellationToken);
        if (pledge is null)
        {
            return LedgerAccess.PledgeNotFound;
        }

        if (request.ExpectedVersion is not { } expected)
        {
            return DomainError.Invalid("expectedVersion", "Give the version of the pledge you revised (expectedVersion).");
        }

        if (expected != pledge.Version)
        {
            return LedgerAccess.VersionConflict(pledge.Version);
        }

        var resolved = await LedgerAccess.ResolveAsync(request, user, db, catalog, platform, time.Today(), pledge, cancellationToken);
        if (!resolved.IsSuccess)
        {
            return resolved.Error!;
        }

        var r = resolved.Value!;
        if (r.Donor != pledge.DonorCode)
        {
            return new DomainError("ledger.donor-fixed", "A pledge's donor cannot change; record the pledge again under the right donor.",
                ErrorKind.RuleViolation, "donor");
        }

        var oldParentId = pledge.ParentId;
        var revised = pledge.Revise(r.Details, r.Sources, r.Label, r.Parent?.Id, request.Reason, rates, LedgerAccess.ActorOf(db.Caller), time.UtcNow());
        if (!revised.IsSuccess)
        {
            return revised.Error!;
        }

        r.Parent?.SetPackage(true);
        if (oldParentId is { } old && old != r.Parent?.Id
            && !await db.Pledges.AnyAsync(p => p.ParentId == old && p.Id != pledge.Id, cancellationToken)
            && await db.Pledges.FirstOrDefaultAsync(p => p.Id == old, cancellationToken) is { } formerParent)
        {
            formerParent.SetPackage(false);
        }

        var saved = await LedgerStore.SaveAsync(db, pledge, cancellationToken);
        return saved.IsSuccess ? pledge : saved.Error!;
    }
}
