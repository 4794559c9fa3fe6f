using System.ComponentModel.DataAnnotations;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Modules.Identity;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Registry.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Registry.Features;

/// <summary>A new member.</summary>
public sealed record RegisterMemberRequest
{
    /// <summary>ISO 3166-1 alpha-3 for a state; 2 to 8 letters or digits for an organisation.</summary>
    [Required]
    [StringLength(RegistryAccess.MaxCodeLength)]
    public string Code { get; init; } = "";

    /// <summary>Display name; for a state, the ISO 3166-1 short name when left empty.</summary>
    [StringLength(Member.MaxNameLength)]
    public string? Name { get; init; }

    public MemberKind Kind { get; init; }

    [StringLength(Member.MaxNotesLength)]
    public string? Notes { get; init; }

    [Required]
    public LabelInput? Label { get; init; }
}

/// <summary><c>POST /members</c>: registers a member (Secretariat and administrators).</summary>
public static class RegisterMember
{
    /// <summary>
    /// The same answer whether the code is taken by a member the caller sees or by one it may not see, so the
    /// answer reveals nothing but that the code cannot be used.
    /// </summary>
    public static DomainError CodeTaken(string code) => new(
        "registry.member-code-taken",
        $"The code {code} is already in use in the registry. Choose another code, or ask the Secretariat.",
        ErrorKind.Conflict,
        "code");

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/members", HandleAsync)
            .RequireAuthorization(Policies.ManageRegistry)
            .WithName("RegisterMember")
            .WithSummary("Register a member")
            .WithDescription("Registers a state (by ISO 3166-1 alpha-3 code) or an organisation, under a label. Statuses are recorded separately.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<Created<MemberDetail>, ProblemHttpResult>> HandleAsync(
        RegisterMemberRequest request, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var result = await ExecuteAsync(request, db, catalog, time, cancellationToken);
        if (!result.IsSuccess)
        {
            return result.Error!.ToProblem();
        }

        var member = result.Value!;
        return TypedResults.Created($"/api/v1/members/{member.Code}", RegistryViews.Detail(member, catalog.Current, time.Today()));
    }

    public static async Task<Result<Member>> ExecuteAsync(
        RegisterMemberRequest request, EntenteDbContext db, ISecurityPolicyCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(db);
        if (request.Label is null)
        {
            return DomainError.Invalid("label", "Label the member: at least its classification.");
        }

        var label = await LabelRules.ResolveAsync(request.Label, db.Caller, catalog, db, cancellationToken: cancellationToken);
        if (!label.IsSuccess)
        {
            return label.Error!;
        }

        var now = time.UtcNow();
        var registered = Member.Register(request.Code, request.Name, request.Kind, request.Notes, label.Value!, now);
        if (!registered.IsSuccess)
        {
            return registered.Error!;
        }

        var member = registered.Value!;
        if (await RegistryAccess.MemberExistsAsync(db, member.Code, cancellationToken))
        {
            return CodeTaken(member.Code);
        }

        db.Members.Add(member);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // Taken by a member the caller may not see (or registered a moment ago): the same answer either way.
            db.Entry(member).State = EntityState.Detached;
            return CodeTaken(member.Code);
        }

        return member;
    }
}
