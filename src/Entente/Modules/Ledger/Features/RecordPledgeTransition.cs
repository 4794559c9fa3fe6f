using Entente.Infrastructure.Security;
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

namespace Entente.Modules.Ledger.Features;

/// <summary>A step of a pledge: committed, allocated, delivered (a tranche) or cancelled.</summary>
public sealed record RecordTransitionRequest
{
    [Required]
    public PledgeStage? Stage { get; init; }

    [Required]
    public DateOnly? On { get; init; }

    /// <summary>Minor units of the pledge's currency; what remains of the previous stage when absent.</summary>
    public long? Amount { get; init; }

    public long? Quantity { get; init; }

    [Required]
    public CitationInput? Source { get; init; }

    /// <summary>Required for a cancellation: why.</summary>
    [StringLength(PledgeTransition.MaxNoteLength)]
    public string? Note { get; init; }

    /// <summary>The version the step was recorded against; when given and stale, 409.</summary>
    public int? ExpectedVersion { get; init; }
}

/// <summary><c>POST /pledges/{id}/transitions</c>: records a dated, sourced step of a pledge.</summary>
public static class RecordPledgeTransition
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/pledges/{id:guid}/transitions", HandleAsync)
            .RequireAuthorization(Policies.RecordPledges)
            .Idempotent()
            .WithName("RecordPledgeTransition")
            .WithSummary("Record a step of a pledge")
            .WithDescription("Commitment, allocation, a delivered tranche (partial or whole) or cancellation, dated and sourced. Steps follow announced → committed → allocated → delivered; a delivery cannot exceed what was allocated.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<Created<PledgeDetail>, ProblemHttpResult>> HandleAsync(
        Guid id, RecordTransitionRequest request, ClaimsPrincipal user, EntenteDbContext db, ISecurityPolicyCatalog catalog, IFxRates rates,
        PlatformOptions platform, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var result = await ExecuteAsync(id, request, user, db, rates, platform, time, cancellationToken);
        if (!result.IsSuccess)
        {
            return result.Error!.ToProblem();
        }

        var pledge = result.Value!;
        var tranches = await LedgerAccess.TranchesAsync(db, id, cancellationToken);
        return TypedResults.Created($"/api/v1/pledges/{pledge.Id}", LedgerViews.Detail(pledge, tranches, catalog.Current));
    }

    public static async Task<Result<Pledge>> ExecuteAsync(
        Guid id, RecordTransitionRequest request, ClaimsPrincipal user, EntenteDbContext db, IFxRates rates,
        PlatformOptions platform, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(platform);
        var pledge = await LedgerAccess.FindForUpdateAsync(db, id, cancellationToken);
        if (pledge is null)
        {
            return LedgerAccess.PledgeNotFound;
        }

        if (!MemberAccess.MayActFor(user, db.Caller, pledge.DonorCode))
        {
            return LedgerAccess.NotYourDonor;
        }

        if (request.ExpectedVersion is { } expected && expected != pledge.Version)
        {
            return LedgerAccess.VersionConflict(pledge.Version);
        }

        if (request.Stage is not { } stage)
        {
            return DomainError.Invalid("stage", "Give the stage: committed, allocated, delivered or cancelled.");
        }

        if (request.On is not { } on)
        {
            return DomainError.Invalid("on", "Give the date of the step.");
        }

        var today = time.Today();
        if (request.Source is null)
        {
            return DomainError.Invalid("source", "Cite the source of the step.");
        }

        var source = request.Source.ToCitation(today, "source");
        if (!source.IsSuccess)
        {
            return source.Error!;
        }

        var recorded = pledge.Record(stage, on, request.Amount, request.Quantity, source.Value!, request.Note, rates,
            LedgerAccess.ActorOf(db.Caller), time.UtcNow(), platform.CoalitionFounded, today);
        if (!recorded.IsSuccess)
        {
            return recorded.Error!;
        }

        var saved = await LedgerStore.SaveAsync(db, pledge, cancellationToken);
        return saved.IsSuccess ? pledge : saved.Error!;
    }
}
