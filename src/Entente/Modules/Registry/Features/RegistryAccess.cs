using System.Security.Claims;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Entente.Infrastructure.Security;
using Entente.Modules.Identity;
using Entente.Modules.Identity.Domain;
using Entente.Modules.Registry.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Registry.Features;

/// <summary>Lookups and permission checks shared by the Registry's use cases, its API and its pages.</summary>
public static class RegistryAccess
{
    /// <summary>Route codes longer than any member code cannot name a member; they are not looked up.</summary>
    public const int MaxCodeLength = 8;

    /// <summary>
    /// The member with <paramref name="code"/> as the caller may see it (through the label filter), with its status
    /// history; null when it does not exist for the caller.
    /// </summary>
    public static async Task<Member?> FindMemberAsync(EntenteDbContext db, string? code, bool track, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var normalised = Normalise(code);
        if (normalised is null)
        {
            return null;
        }

        var query = db.Members.Include(m => m.Statuses).Where(m => m.Code == normalised);
        return await (track ? query : query.AsNoTracking()).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Whether a visible member with <paramref name="code"/> exists, without loading it.</summary>
    public static async Task<bool> MemberExistsAsync(EntenteDbContext db, string? code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var normalised = Normalise(code);
        return normalised is not null && await db.Members.AnyAsync(m => m.Code == normalised, cancellationToken);
    }

    public static string? Normalise(string? code)
    {
        var c = code?.Trim().ToUpperInvariant();
        return string.IsNullOrEmpty(c) || c.Length > MaxCodeLength ? null : c;
    }

    public static async Task<bool> CanManageRegistryAsync(ClaimsPrincipal user, IAuthorizationService authorization)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        return (await authorization.AuthorizeAsync(user, Policies.ManageRegistry)).Succeeded;
    }

    /// <summary>
    /// The Secretariat manages every member's delegates; a delegate manages those of its own member.
    /// </summary>
    public static async Task<bool> CanManageDelegatesAsync(ClaimsPrincipal user, Caller caller, string memberCode, IAuthorizationService authorization)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(caller);
        return await CanManageRegistryAsync(user, authorization)
            || (user.IsInRole(Roles.Delegate) && caller.Member is not null && string.Equals(caller.Member, memberCode, StringComparison.Ordinal));
    }

    public static DomainError DelegatesNotYours { get; } = new(
        "registry.delegates-not-yours",
        "Only the Secretariat and the member's own delegates may change its delegation.",
        ErrorKind.Forbidden);

    public static DomainError MemberNotFound { get; } = DomainError.NotFound("The member");

    /// <summary>The edit was made on a version someone else has changed since (409): it would overwrite their change.</summary>
    public static DomainError ChangedMeanwhile(string what) => new("registry.changed-meanwhile",
        $"{what} was changed by someone else after you opened it. Reload it to see their changes, then make yours again.",
        ErrorKind.Conflict);

    /// <summary>
    /// Saves an edit of a versioned record read at <paramref name="expectedVersion"/> (when the client sent one), or
    /// answers <see cref="ChangedMeanwhile"/> when the record moved on — before the save, or during it, when a
    /// concurrent save won the race and the store refused this one.
    /// </summary>
    public static async Task<Result> SaveEditAsync(
        EntenteDbContext db, string what, int? expectedVersion, int versionRead, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (expectedVersion is { } expected && expected != versionRead)
        {
            return ChangedMeanwhile(what);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return Result.Success;
        }
        catch (DbUpdateConcurrencyException)
        {
            return ChangedMeanwhile(what);
        }
    }

    public static DomainError DelegateNotFound { get; } = DomainError.NotFound("The delegate");
}
