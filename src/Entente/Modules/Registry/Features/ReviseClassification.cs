using System.ComponentModel.DataAnnotations;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Entente.Modules.Identity;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Registry.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Registry.Features;

/// <summary>A classification's marking, name, description and colour.</summary>
public sealed record ClassificationRequest
{
    /// <summary>Marking as printed, for example <c>CONFIDENTIAL</c>: capitals, digits, spaces or hyphens.</summary>
    [Required]
    [StringLength(PolicyClassification.MaxCodeLength)]
    public string Code { get; init; } = "";

    [Required]
    [StringLength(PolicyClassification.MaxNameLength)]
    public string Name { get; init; } = "";

    [StringLength(PolicyClassification.MaxDescriptionLength)]
    public string? Description { get; init; }

    /// <summary><c>#rrggbb</c>, dark enough for white text.</summary>
    [Required]
    [StringLength(7)]
    public string Colour { get; init; } = "";
}

/// <summary><c>PUT /security-policy/classifications/{rank}</c>: renames or recolours a classification (administrators).</summary>
public static class ReviseClassification
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPut("/security-policy/classifications/{rank:int}", HandleAsync)
            .RequireAuthorization(Policies.Administer)
            .WithName("ReviseClassification")
            .WithSummary("Rename or recolour a classification")
            .WithDescription("Changes how a classification is marked. Its rank, and so the meaning of every stored label, stays.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);

    public static async Task<Results<Ok<SecurityPolicyView>, ProblemHttpResult>> HandleAsync(
        int rank, ClassificationRequest request, EntenteDbContext db, ISecurityPolicyCatalog catalog, CancellationToken cancellationToken)
    {
        var result = await ExecuteAsync(rank, request, db, catalog, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value!) : result.Error!.ToProblem();
    }

    public static Task<Result<SecurityPolicyView>> ExecuteAsync(
        int rank, ClassificationRequest request, EntenteDbContext db, ISecurityPolicyCatalog catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return PolicyEditing.ApplyAsync(db, catalog,
            policy => policy.ReviseClassification(rank, request.Code, request.Name, request.Description, request.Colour), cancellationToken);
    }
}
