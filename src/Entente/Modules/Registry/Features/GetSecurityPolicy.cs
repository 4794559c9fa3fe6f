using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Registry.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Registry.Features;

/// <summary>
/// A classification of the policy. Its rank never changes; its colour (<c>#rrggbb</c>) carries white text with a
/// contrast of at least 4.5:1.
/// </summary>
public sealed record ClassificationView(int Rank, string Code, string Name, string? Description, string Colour);

/// <summary>A category marking. Retired categories stay on the labels that carry them but cannot be put on new ones.</summary>
public sealed record CategoryView(string Code, string Name, string? Description, bool Retired);

/// <summary>
/// The security policy that labels refer to: classifications in rank order (least restrictive first), categories,
/// and the rank from which reads are written to the audit log.
/// </summary>
public sealed record SecurityPolicyView(
    string Id,
    string Name,
    string? Description,
    int ReadAuditThreshold,
    string ReadAuditThresholdCode,
    IReadOnlyList<ClassificationView> Classifications,
    IReadOnlyList<CategoryView> Categories);

/// <summary><c>GET /security-policy</c>: the classifications in order, the categories and the read-audit threshold.</summary>
public static class GetSecurityPolicy
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/security-policy", HandleAsync)
            .WithName("GetSecurityPolicy")
            .WithSummary("Get the security policy")
            .WithDescription("Classifications in rank order, categories (with retired ones) and the rank from which reads are audited.");

    public static async Task<Results<Ok<SecurityPolicyView>, ProblemHttpResult>> HandleAsync(EntenteDbContext db, CancellationToken cancellationToken)
    {
        var view = await LoadAsync(db, cancellationToken);
        return view is null ? DomainError.NotFound("The security policy").ToProblem() : TypedResults.Ok(view);
    }

    public static async Task<SecurityPolicyView?> LoadAsync(EntenteDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var policy = await db.SecurityPolicies.AsNoTracking()
            .Include(p => p.Classifications)
            .Include(p => p.Categories)
            .AsSplitQuery()
            .FirstOrDefaultAsync(p => p.Id == Label.DefaultPolicy, cancellationToken);
        return policy is null ? null : View(policy);
    }

    public static SecurityPolicyView View(SecurityPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var classifications = policy.Classifications.OrderBy(c => c.Rank)
            .Select(c => new ClassificationView(c.Rank, c.Code, c.Name, c.Description, c.Colour))
            .ToList();
        return new SecurityPolicyView(
            policy.Id,
            policy.Name,
            policy.Description,
            policy.ReadAuditThreshold,
            classifications.FirstOrDefault(c => c.Rank == policy.ReadAuditThreshold)?.Code ?? $"LEVEL {policy.ReadAuditThreshold}",
            classifications,
            policy.Categories.OrderBy(c => c.IsRetired).ThenBy(c => c.Code, StringComparer.Ordinal)
                .Select(c => new CategoryView(c.Code, c.Name, c.Description, c.IsRetired))
                .ToList());
    }
}

/// <summary>Loads the policy for an edit, applies it, saves, and refreshes the cached catalog every module reads.</summary>
public static class PolicyEditing
{
    public static async Task<Result<SecurityPolicyView>> ApplyAsync<T>(
        EntenteDbContext db, ISecurityPolicyCatalog catalog, Func<SecurityPolicy, Result<T>> edit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(edit);
        var policy = await db.SecurityPolicies
            .Include(p => p.Classifications)
            .Include(p => p.Categories)
            .AsSplitQuery()
            .FirstOrDefaultAsync(p => p.Id == Label.DefaultPolicy, cancellationToken);
        if (policy is null)
        {
            return DomainError.NotFound("The security policy");
        }

        var result = edit(policy);
        if (!result.IsSuccess)
        {
            return result.Error!;
        }

        await db.SaveChangesAsync(cancellationToken);
        await PolicyLoader.LoadAsync(db, catalog, cancellationToken);
        return GetSecurityPolicy.View(policy);
    }
}
