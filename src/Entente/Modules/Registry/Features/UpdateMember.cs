using System.ComponentModel.DataAnnotations;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Modules.Identity;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Registry.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Registry.Features;

/// <summary>A member's new name, notes and (optionally) label. The code and kind never change.</summary>
public sealed record UpdateMemberRequest
{
    [Required]
    [StringLength(Member.MaxNameLength)]
    public string Name { get; init; } = "";

    [StringLength(Member.MaxNotesLength)]
    public string? Notes { get; init; }

    /// <summary>The new label; the current one stays when absent.</summary>
    public LabelInput? Label { get; init; }

    /// <summary>The member's <c>version</c> as read; when it has changed since, the update is refused (409).</summary>
    public int? Version { get; init; }
}

/// <summary><c>PUT /members/{code}</c>: renames a member, rewrites its notes, relabels it.</summary>
public static class UpdateMember
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPut("/members/{code}", HandleAsync)
            .RequireAuthorization(Policies.ManageRegistry)
            .WithName("UpdateMember")
            .WithSummary("Update a member")
            .WithDescription(
                "Replaces the name and notes; relabels the member when a label is given. The code and kind never change. Send " +
                "the `version` you read: if someone changed the member since, nothing is written and the answer is 409.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<Ok<MemberDetail>, ProblemHttpResult>> HandleAsync(
        string code, UpdateMemberRequest request, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var result = await ExecuteAsync(code, request, db, catalog, time, cancellationToken);
        return result.IsSuccess
            ? TypedResults.Ok(RegistryViews.Detail(result.Value!, catalog.Current, time.Today()))
            : result.Error!.ToProblem();
    }

    public static async Task<Result<Member>> ExecuteAsync(
        string code, UpdateMemberRequest request, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(db);
        var member = await RegistryAccess.FindMemberAsync(db, code, track: true, cancellationToken);
        if (member is null)
        {
            return RegistryAccess.MemberNotFound;
        }

        var versionRead = member.Version;
        var label = member.Label;
        if (request.Label is not null)
        {
            var resolved = await LabelRules.ResolveAsync(request.Label, db.Caller, catalog, db, member.Label, cancellationToken: cancellationToken);
            if (!resolved.IsSuccess)
            {
                return resolved.Error!;
            }

            label = resolved.Value!;
        }

        var updated = member.Update(request.Name, request.Notes, label, time.UtcNow());
        if (!updated.IsSuccess)
        {
            return updated.Error!;
        }

        var saved = await RegistryAccess.SaveEditAsync(db, "The member", request.Version, versionRead, cancellationToken);
        return saved.IsSuccess ? member : saved.Error!;
    }
}
