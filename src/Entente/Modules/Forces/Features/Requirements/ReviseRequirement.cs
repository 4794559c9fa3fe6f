using System.ComponentModel.DataAnnotations;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Modules.Forces.Domain;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Registry.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Forces.Features.Requirements;

/// <summary>A revision: the whole line as it should now read, why, and the version it was made from.</summary>
public sealed record ReviseRequirementRequest : RequirementInput
{
    /// <summary>The new label; the current one when absent.</summary>
    public LabelInput? Label { get; init; }

    [Required]
    [StringLength(RequirementLine.MaxReasonLength)]
    public string Reason { get; init; } = "";

    /// <summary>The version the revision was made from; a newer stored version answers 409.</summary>
    [Required]
    public int? ExpectedVersion { get; init; }
}

/// <summary><c>PUT /requirements/{id}</c>: revises a line, keeping the version it replaces.</summary>
public static class ReviseRequirement
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPut("/requirements/{id:guid}", HandleAsync)
            .RequireAuthorization(RequirementAccess.KeepPolicy)
            .Idempotent()
            .WithName("ReviseRequirement")
            .WithSummary("Revise a requirement line")
            .WithDescription("Replaces what an active line asks for (and, optionally, its label), with a reason. The previous version stays in the history with who, when, why and what changed. Answers 409 when the line changed since expectedVersion or is withdrawn, 422 when the revision changes nothing.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<Ok<RequirementDetail>, ProblemHttpResult>> HandleAsync(
        Guid id, ReviseRequirementRequest request, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var result = await ExecuteAsync(id, request, db, catalog, time, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(RequirementViews.Detail(result.Value!, catalog.Current)) : result.Error!.ToProblem();
    }

    public static async Task<Result<RequirementLine>> ExecuteAsync(
        Guid id, ReviseRequirementRequest request, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(db);
        var line = await RequirementAccess.FindAsync(db, id, track: true, cancellationToken);
        if (line is null)
        {
            return RequirementErrors.NotFound;
        }

        if (request.ExpectedVersion is not { } expected)
        {
            return DomainError.Invalid("expectedVersion", "Give the version of the line you revised (expectedVersion).");
        }

        if (expected != line.Version)
        {
            return RequirementErrors.VersionConflict(line.Code, line.Version);
        }

        var details = request.ToDetails();
        if (!details.IsSuccess)
        {
            return details.Error!;
        }

        var label = line.Label;
        if (request.Label is not null)
        {
            var resolved = await LabelRules.ResolveAsync(request.Label, db.Caller, catalog, db, line.Label, cancellationToken: cancellationToken);
            if (!resolved.IsSuccess)
            {
                return resolved.Error!;
            }

            label = resolved.Value!;
        }

        var revised = line.Revise(details.Value!, label, request.Reason, ForcesActors.Of(db.Caller), time.UtcNow());
        if (!revised.IsSuccess)
        {
            db.ChangeTracker.Clear();
            return revised.Error!;
        }

        var saved = await RequirementAccess.SaveAsync(db, line, cancellationToken);
        return saved.IsSuccess ? line : saved.Error!;
    }
}
