using Entente.Infrastructure.Security;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Modules.Forces.Domain;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Registry.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Forces.Features.Offers;

/// <summary>A new national offer.</summary>
public sealed record RecordOfferRequest : OfferInput
{
    /// <summary>The offering member; a delegate gives its own.</summary>
    [Required]
    [StringLength(8)]
    public string MemberCode { get; init; } = "";

    /// <summary>The offer's label; when absent, RESTRICTED releasable to the co-chairs, the Secretariat and the offering member.</summary>
    public LabelInput? Label { get; init; }
}

/// <summary><c>POST /offers</c>: records a member's offer to the reassurance force.</summary>
public static class RecordOffer
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/offers", HandleAsync)
            .RequireAuthorization()
            .Idempotent()
            .WithName("RecordOffer")
            .WithSummary("Record a national offer")
            .WithDescription("A capability in whole units, its readiness level and plan, its availability window, structured caveats and political conditions. A delegate records its own member's offers; the Secretariat records for any member. Without a label the offer is RESTRICTED, releasable to the co-chairs, the Secretariat and the offering member.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<Created<OfferDetail>, ProblemHttpResult>> HandleAsync(
        RecordOfferRequest request, ClaimsPrincipal user, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var result = await ExecuteAsync(request, user, db, catalog, time, cancellationToken);
        if (!result.IsSuccess)
        {
            return result.Error!.ToProblem();
        }

        var offer = result.Value!;
        return TypedResults.Created($"/api/v1/offers/{offer.Id}", OfferViews.Detail(offer, catalog.Current));
    }

    public static async Task<Result<Offer>> ExecuteAsync(
        RecordOfferRequest request, ClaimsPrincipal user, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(db);
        var member = (request.MemberCode ?? "").Trim().ToUpperInvariant();
        if (member.Length == 0)
        {
            return DomainError.Invalid("memberCode", "Give the offering member's code.");
        }

        if (!MemberAccess.MayActFor(user, db.Caller, member))
        {
            return OfferAccess.NotYourMember;
        }

        var terms = request.ToTerms();
        if (!terms.IsSuccess)
        {
            return terms.Error!;
        }

        var today = time.Today();
        var active = await MemberDirectory.ActiveAmongAsync(db, [member, .. request.ConditionMembers()], today, cancellationToken);
        var labelInput = request.Label ?? await OfferAccess.DefaultLabelAsync(db, member, today, cancellationToken);
        var label = await LabelRules.ResolveAsync(labelInput, db.Caller, catalog, db, cancellationToken: cancellationToken);
        if (!label.IsSuccess && active.Contains(member))
        {
            return label.Error!;
        }

        // An unknown member is the more useful answer than a label that cannot name it.
        var recorded = Offer.Record(member, terms.Value!, label.Value ?? Infrastructure.Labels.Label.Public, active,
            ForcesActors.Of(db.Caller), time.UtcNow(), today);
        if (!recorded.IsSuccess)
        {
            return recorded.Error!;
        }

        if (!label.IsSuccess)
        {
            return label.Error!;
        }

        db.Offers.Add(recorded.Value!);
        var saved = await OfferAccess.SaveAsync(db, recorded.Value!, cancellationToken);
        return saved.IsSuccess ? recorded.Value! : saved.Error!;
    }
}
