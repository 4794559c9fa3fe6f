using System.ComponentModel.DataAnnotations;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Entente.Modules.Identity;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Registry.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Registry.Features;

/// <summary>A new category marking.</summary>
public sealed record CategoryRequest
{
    /// <summary>Capitals, digits or hyphens, for example <c>CYBER</c>.</summary>
    [Required]
    [StringLength(PolicyCategory.MaxCodeLength)]
    public string Code { get; init; } = "";

    [Required]
    [StringLength(PolicyCategory.MaxNameLength)]
    public string Name { get; init; } = "";

    [StringLength(PolicyCategory.MaxDescriptionLength)]
    public string? Description { get; init; }
}

/// <summary><c>POST /security-policy/categories</c>: adds a category marking (administrators).</summary>
public static class AddCategory
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/security-policy/categories", HandleAsync)
            .RequireAuthorization(Policies.Administer)
            .WithName("AddCategory")
            .WithSummary("Add a category")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);

    public static async Task<Results<Created<SecurityPolicyView>, ProblemHttpResult>> HandleAsync(
        CategoryRequest request, EntenteDbContext db, ISecurityPolicyCatalog catalog, CancellationToken cancellationToken)
    {
        var result = await ExecuteAsync(request, db, catalog, cancellationToken);
        return result.IsSuccess ? TypedResults.Created("/api/v1/security-policy", result.Value!) : result.Error!.ToProblem();
    }

    public static Task<Result<SecurityPolicyView>> ExecuteAsync(
        CategoryRequest request, EntenteDbContext db, ISecurityPolicyCatalog catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return PolicyEditing.ApplyAsync(db, catalog, policy => policy.AddCategory(request.Code, request.Name, request.Description), cancellationToken);
    }
}
