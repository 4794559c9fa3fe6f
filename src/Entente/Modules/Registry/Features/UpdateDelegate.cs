using System.Security.Claims;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Registry.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Registry.Features;

/// <summary><c>PUT /members/{code}/delegates/{id}</c>: updates a delegate's details and, optionally, its label.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "A delegate here is a person who represents a member.")]
public static class UpdateDelegate
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPut("/members/{code}/delegates/{id:guid}", HandleAsync)
            .WithName("UpdateDelegate")
            .WithSummary("Update a delegate")
            .WithDescription(
                "Replaces the delegate's details; relabels it when a label is given. Allowed to the Secretariat and to the member's " +
                "own delegates. Send the `version` you read: if someone changed the delegate since, nothing is written and the answer is 409.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<Ok<DelegateView>, ProblemHttpResult>> HandleAsync(
        string code, Guid id, DelegateRequest request, ClaimsPrincipal user, EntenteDbContext db, ISecurityPolicyCatalog catalog,
        IAuthorizationService authorization, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var result = await ExecuteAsync(code, id, request, user, db, catalog, authorization, time, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(RegistryViews.Delegate(result.Value!, catalog.Current)) : result.Error!.ToProblem();
    }

    public static async Task<Result<Representative>> ExecuteAsync(
        string code, Guid id, DelegateRequest request, ClaimsPrincipal user, EntenteDbContext db, ISecurityPolicyCatalog catalog,
        IAuthorizationService authorization, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(db);
        var found = await FindAsync(db, code, id, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        var d = found.Value!;
        if (!await RegistryAccess.CanManageDelegatesAsync(user, db.Caller, d.MemberCode, authorization))
        {
            return RegistryAccess.DelegatesNotYours;
        }

        var versionRead = d.Version;
        var label = d.Label;
        if (request.Label is not null)
        {
            var resolved = await LabelRules.ResolveAsync(request.Label, db.Caller, catalog, db, d.Label, cancellationToken: cancellationToken);
            if (!resolved.IsSuccess)
            {
                return resolved.Error!;
            }

            label = resolved.Value!;
        }

        var updated = d.Update(request.FullName, request.Position, request.Email, request.Phone, request.IsHeadOfDelegation, d.UserId, label, time.UtcNow());
        if (!updated.IsSuccess)
        {
            return updated.Error!;
        }

        var saved = await RegistryAccess.SaveEditAsync(db, "The delegate", request.Version, versionRead, cancellationToken);
        return saved.IsSuccess ? d : saved.Error!;
    }

    /// <summary>
    /// The delegate <paramref name="id"/> of the member <paramref name="code"/>, tracked, when the caller may see both
    /// the member and the delegate.
    /// </summary>
    internal static async Task<Result<Representative>> FindAsync(EntenteDbContext db, string code, Guid id, CancellationToken cancellationToken)
    {
        var memberCode = RegistryAccess.Normalise(code);
        if (memberCode is null || !await RegistryAccess.MemberExistsAsync(db, memberCode, cancellationToken))
        {
            return RegistryAccess.MemberNotFound;
        }

        var d = await db.Delegates.FirstOrDefaultAsync(x => x.Id == id && x.MemberCode == memberCode, cancellationToken);
        return d is null ? RegistryAccess.DelegateNotFound : d;
    }
}
