using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Entente.Modules.Identity;
using Entente.Modules.Registry.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Registry.Features;

/// <summary>
/// <c>POST /security-policy/categories/{code}/retire</c>: new labels can no longer carry the category; labels that
/// carry it keep it (administrators).
/// </summary>
public static class RetireCategory
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/security-policy/categories/{code}/retire", HandleAsync)
            .RequireAuthorization(Policies.Administer)
            .WithName("RetireCategory")
            .WithSummary("Retire a category")
            .WithDescription("Categories are never deleted: records labelled with one keep it. Retiring a retired category changes nothing.")
            .ProducesProblem(StatusCodes.Status403Forbidden);

    public static async Task<Results<Ok<SecurityPolicyView>, ProblemHttpResult>> HandleAsync(
        string code, EntenteDbContext db, ISecurityPolicyCatalog catalog, CancellationToken cancellationToken)
    {
        var result = await ExecuteAsync(code, db, catalog, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value!) : result.Error!.ToProblem();
    }

    public static Task<Result<SecurityPolicyView>> ExecuteAsync(string code, EntenteDbContext db, ISecurityPolicyCatalog catalog, CancellationToken cancellationToken) =>
        PolicyEditing.ApplyAsync(db, catalog, policy => policy.RetireCategory(code), cancellationToken);
}
