using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Modules.Forces.Domain;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Registry.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Forces.Features.Requirements;

/// <summary>A new line of the statement of requirements, with its label.</summary>
public sealed record CreateRequirementRequest : RequirementInput
{
    [System.ComponentModel.DataAnnotations.Required]
    public LabelInput? Label { get; init; }
}

/// <summary><c>POST /requirements</c>: adds a line to the statement of requirements.</summary>
public static class CreateRequirement
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/requirements", HandleAsync)
            .RequireAuthorization(RequirementAccess.KeepPolicy)
            .Idempotent()
            .WithName("CreateRequirement")
            .WithSummary("Add a requirement line")
            .WithDescription("Adds a line to the statement of requirements: capability, unit type, minimum and desired quantity, notice to move, minimum readiness level, sector, period, priority, tasks, rules of engagement and command arrangement required, and label. The line gets the next code (R-001, R-002 ...). The Secretariat and administrators only.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<Created<RequirementDetail>, ProblemHttpResult>> HandleAsync(
        CreateRequirementRequest request, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var result = await ExecuteAsync(request, db, catalog, time, cancellationToken);
        if (!result.IsSuccess)
        {
            return result.Error!.ToProblem();
        }

        var line = result.Value!;
        return TypedResults.Created($"/api/v1/requirements/{line.Id}", RequirementViews.Detail(line, catalog.Current));
    }

    public static async Task<Result<RequirementLine>> ExecuteAsync(
        CreateRequirementRequest request, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(db);
        var details = request.ToDetails();
        if (!details.IsSuccess)
        {
            return details.Error!;
        }

        // Check the line before the label, so a bad line is named first whatever its label says.
        var checkedDetails = details.Value!.Check();
        if (!checkedDetails.IsSuccess)
        {
            return checkedDetails.Error!;
        }

        if (request.Label is null)
        {
            return DomainError.Invalid("label", "Give the line's label.");
        }

        var label = await LabelRules.ResolveAsync(request.Label, db.Caller, catalog, db, cancellationToken: cancellationToken);
        if (!label.IsSuccess)
        {
            return label.Error!;
        }

        return await RequirementAccess.AddAsync(db, checkedDetails.Value!, label.Value!, ForcesActors.Of(db.Caller), time.UtcNow(), cancellationToken);
    }
}
