using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Modules.Forces.Domain;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Registry.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Forces.Features.Offers;

/// <summary>A revision of an offer: everything it states, why it changes, and the version it was made against.</summary>
public sealed record ReviseOfferRequest : OfferInput
{
    /// <summary>Why the offer changes; kept with the previous version.</summary>
    [Required]
    [StringLength(Offer.MaxReasonLength)]
    public string? Reason { get; init; }

    /// <summary>The version the change was made against; when stale, 409.</summary>
    [Required]
    public int? ExpectedVersion { get; init; }

    /// <summary>The new label; the current one when absent.</summary>
    public LabelInput? Label { get; init; }
}

/// <summary><c>PUT /offers/{id}</c>: revises an offer, keeping the previous version.</summary>
public static class ReviseOffer
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPut("/offers/{id:guid}", HandleAsync)
            .RequireAuthorization()
            .WithName("ReviseOffer")
            .WithSummary("Revise a national offer")
            .WithDescription("Replaces what the offer states (quantity, readiness, window, caveats, conditions ...) against the version read, with a reason. The previous version is kept. The offering member does not change.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    public static async Task<Results<Ok<OfferDetail>, ProblemHttpResult>> HandleAsync(
        Guid id, ReviseOfferRequest request, ClaimsPrincipal user, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var result = await ExecuteAsync(id, request, user, db, catalog, time, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(OfferViews.Detail(result.Value!, catalog.Current)) : result.Error!.ToProblem();
    }

    public static async Task<Result<Offer>> ExecuteAsync(
        Guid id, ReviseOfferRequest request, ClaimsPrincipal user, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(db);
        var found = await OfferAccess.FindForChangeAsync(db, user, id, request.ExpectedVersion, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        if (request.ExpectedVersion is null)
        {
            return DomainError.Invalid("expectedVersion", "Give the version of the offer you revised.");
        }

        var offer = found.Value!;

        var terms = request.ToTerms();
        if (!terms.IsSuccess)
        {
            return terms.Error!;
        }

        var label = offer.Label;
        if (request.Label is not null)
        {
            var resolved = await LabelRules.ResolveAsync(request.Label, db.Caller, catalog, db, offer.Label, cancellationToken: cancellationToken);
            if (!resolved.IsSuccess)
            {
                return resolved.Error!;
            }

            label = resolved.Value!;
        }

        var today = time.Today();
        var active = await MemberDirectory.ActiveAmongAsync(db, [offer.MemberCode, .. request.ConditionMembers()], today, cancellationToken);
        var revised = offer.Revise(terms.Value!, label, request.Reason, active, ForcesActors.Of(db.Caller), time.UtcNow(), today);
        if (!revised.IsSuccess)
        {
            db.ChangeTracker.Clear();
            return revised.Error!;
        }

        var saved = await OfferAccess.SaveAsync(db, offer, cancellationToken);
        return saved.IsSuccess ? offer : saved.Error!;
    }
}
