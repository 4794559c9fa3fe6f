using System.ComponentModel.DataAnnotations;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Problems;
using Entente.Modules.Forces.Domain;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Registry.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Forces.Features.Requirements;

/// <summary>Why a line leaves the statement, and the version it was withdrawn from.</summary>
public sealed record WithdrawRequirementRequest
{
    [Required]
    [StringLength(RequirementLine.MaxReasonLength)]
    public string Reason { get; init; } = "";

    /// <summary>The version read; a newer stored version answers 409. Optional: a withdrawal does not depend on the details.</summary>
    public int? ExpectedVersion { get; init; }
}

/// <summary><c>POST /requirements/{id}/withdraw</c>: takes a line out of the statement; it stays on record.</summary>
public static class WithdrawRequirement
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/requirements/{id:guid}/withdraw", HandleAsync)
            .RequireAuthorization(RequirementAccess.KeepPolicy)
            .Idempotent()
            .WithName("WithdrawRequirement")
            .WithSummary("Withdraw a requirement line")
            .WithDescription("Withdraws an active line with a reason; the line stays on record, withdrawn, with the withdrawal as its last version. Force generation no longer fills it. Answers 409 when already withdrawn or changed since expectedVersion.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    public static async Task<Results<Ok<RequirementDetail>, ProblemHttpResult>> HandleAsync(
        Guid id, WithdrawRequirementRequest request, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var result = await ExecuteAsync(id, request, db, time, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(RequirementViews.Detail(result.Value!, catalog.Current)) : result.Error!.ToProblem();
    }

    public static async Task<Result<RequirementLine>> ExecuteAsync(
        Guid id, WithdrawRequirementRequest request, EntenteDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(db);
        var line = await RequirementAccess.FindAsync(db, id, track: true, cancellationToken);
        if (line is null)
        {
            return RequirementErrors.NotFound;
        }

        if (request.ExpectedVersion is { } expected && expected != line.Version)
        {
            return RequirementErrors.VersionConflict(line.Code, line.Version);
        }

        var withdrawn = line.Withdraw(request.Reason, ForcesActors.Of(db.Caller), time.UtcNow());
        if (!withdrawn.IsSuccess)
        {
            db.ChangeTracker.Clear();
            return withdrawn.Error!;
        }

        var saved = await RequirementAccess.SaveAsync(db, line, cancellationToken);
        return saved.IsSuccess ? line : saved.Error!;
    }
}
