using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Entente.Modules.Identity;
using Entente.Modules.Registry.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Registry.Features;

/// <summary><c>POST /security-policy/categories/{code}/reinstate</c>: makes a retired category usable again (administrators).</summary>
public static class ReinstateCategory
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/security-policy/categories/{code}/reinstate", HandleAsync)
            .RequireAuthorization(Policies.Administer)
            .WithName("ReinstateCategory")
            .WithSummary("Reinstate a retired category")
            .ProducesProblem(StatusCodes.Status403Forbidden);

    public static async Task<Results<Ok<SecurityPolicyView>, ProblemHttpResult>> HandleAsync(
        string code, EntenteDbContext db, ISecurityPolicyCatalog catalog, CancellationToken cancellationToken)
    {
        var result = await ExecuteAsync(code, db, catalog, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value!) : result.Error!.ToProblem();
    }

    public static Task<Result<SecurityPolicyView>> ExecuteAsync(string code, EntenteDbContext db, ISecurityPolicyCatalog catalog, CancellationToken cancellationToken) =>
        PolicyEditing.ApplyAsync(db, catalog, policy => policy.ReinstateCategory(code), cancellationToken);
}
