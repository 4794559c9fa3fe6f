using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Registry.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Registry.Features;

/// <summary>A delegate as a client writes it (appointment and update).</summary>
public sealed record DelegateRequest
{
    [Required]
    [StringLength(Representative.MaxNameLength)]
    public string FullName { get; init; } = "";

    [StringLength(Representative.MaxPositionLength)]
    public string? Position { get; init; }

    [StringLength(Representative.MaxEmailLength)]
    public string? Email { get; init; }

    [StringLength(Representative.MaxPhoneLength)]
    public string? Phone { get; init; }

    public bool IsHeadOfDelegation { get; init; }

    /// <summary>
    /// The delegate's own label. When absent: RESTRICTED, personal data, on appointment; unchanged on update.
    /// </summary>
    public LabelInput? Label { get; init; }

    /// <summary>On an update, the delegate's <c>version</c> as read; when it has changed since, the update is refused (409).</summary>
    public int? Version { get; init; }
}

/// <summary><c>POST /members/{code}/delegates</c>: appoints a delegate (the Secretariat, or the member's own delegates).</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "A delegate here is a person who represents a member.")]
public static class AppointDelegate
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/members/{code}/delegates", HandleAsync)
            .WithName("AppointDelegate")
            .WithSummary("Appoint a delegate")
            .WithDescription(
                "Adds a person who represents the member. Contact details are personal data: without a label the delegate is " +
                "RESTRICTED and marked PERS. Allowed to the Secretariat and to the member's own delegates.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<Created<DelegateView>, ProblemHttpResult>> HandleAsync(
        string code, DelegateRequest request, ClaimsPrincipal user, EntenteDbContext db, ISecurityPolicyCatalog catalog,
        IAuthorizationService authorization, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var result = await ExecuteAsync(code, request, user, db, catalog, authorization, time, cancellationToken);
        if (!result.IsSuccess)
        {
            return result.Error!.ToProblem();
        }

        var appointed = result.Value!;
        return TypedResults.Created($"/api/v1/members/{appointed.MemberCode}/delegates/{appointed.Id}", RegistryViews.Delegate(appointed, catalog.Current));
    }

    public static async Task<Result<Representative>> ExecuteAsync(
        string code, DelegateRequest request, ClaimsPrincipal user, EntenteDbContext db, ISecurityPolicyCatalog catalog,
        IAuthorizationService authorization, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(catalog);
        var member = await RegistryAccess.FindMemberAsync(db, code, track: false, cancellationToken);
        if (member is null)
        {
            return RegistryAccess.MemberNotFound;
        }

        if (!await RegistryAccess.CanManageDelegatesAsync(user, db.Caller, member.Code, authorization))
        {
            return RegistryAccess.DelegatesNotYours;
        }

        var label = await LabelRules.ResolveAsync(request.Label ?? DefaultLabel(catalog.Current), db.Caller, catalog, db, cancellationToken: cancellationToken);
        if (!label.IsSuccess)
        {
            return label.Error!;
        }

        var appointed = Representative.Appoint(member.Code, request.FullName, request.Position, request.Email, request.Phone,
            request.IsHeadOfDelegation, null, label.Value!, time.UtcNow());
        if (!appointed.IsSuccess)
        {
            return appointed.Error!;
        }

        db.Delegates.Add(appointed.Value!);
        await db.SaveChangesAsync(cancellationToken);
        return appointed.Value!;
    }

    /// <summary>RESTRICTED, TLP:AMBER, marked as personal data when the policy has that category.</summary>
    public static LabelInput DefaultLabel(PolicySnapshot policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return new LabelInput
        {
            Classification = policy.CodeOf(ClassificationLevels.Restricted),
            Tlp = TlpMarking.Amber,
            Categories = policy.IsKnownCategory(PersonalDataCategory) ? [PersonalDataCategory] : [],
        };
    }

    /// <summary>The default policy's category for data about identifiable people.</summary>
    public const string PersonalDataCategory = "PERS";
}
