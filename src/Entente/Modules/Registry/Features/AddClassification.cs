using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Entente.Modules.Identity;
using Entente.Modules.Registry.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Registry.Features;

/// <summary><c>POST /security-policy/classifications</c>: adds a classification above the highest (administrators).</summary>
public static class AddClassification
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/security-policy/classifications", HandleAsync)
            .RequireAuthorization(Policies.Administer)
            .WithName("AddClassification")
            .WithSummary("Add a classification above the highest")
            .WithDescription("New classifications always rank above the existing ones, so no stored label changes meaning. Users need a raised clearance to use it.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<Created<SecurityPolicyView>, ProblemHttpResult>> HandleAsync(
        ClassificationRequest request, EntenteDbContext db, ISecurityPolicyCatalog catalog, CancellationToken cancellationToken)
    {
        var result = await ExecuteAsync(request, db, catalog, cancellationToken);
        return result.IsSuccess ? TypedResults.Created("/api/v1/security-policy", result.Value!) : result.Error!.ToProblem();
    }

    public static Task<Result<SecurityPolicyView>> ExecuteAsync(
        ClassificationRequest request, EntenteDbContext db, ISecurityPolicyCatalog catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return PolicyEditing.ApplyAsync(db, catalog,
            policy => policy.AddClassification(request.Code, request.Name, request.Description, request.Colour), cancellationToken);
    }
}
