using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Entente.Modules.Audit.Domain;
using Entente.Modules.Identity.Domain;
using Entente.Modules.Registry.Contracts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Identity.Features;

/// <summary>A new account as the command line, the admin page and the admin API describe it.</summary>
public sealed record CreateUserRequest(
    string UserName,
    string Email,
    string? DisplayName,
    IReadOnlyList<string> Roles,
    string? Member,
    string Clearance);

/// <summary>An account as administrators see it. Never includes secrets.</summary>
public sealed record UserSummary(
    Guid Id,
    string UserName,
    string? Email,
    string DisplayName,
    string? Member,
    int Clearance,
    IReadOnlyList<string> Roles,
    bool TwoFactorEnabled,
    bool IsDisabled,
    bool IsLockedOut,
    DateTime CreatedAt,
    DateTime? LastSeenAt,
    bool IsDemo);

/// <summary>
/// Account administration shared by the command line, the admin page and the admin API, so each rule (known
/// roles, existing member, valid clearance, password policy) is stated once.
/// </summary>
public static class UserAdministration
{
    public static async Task<Result<EntenteUser>> CreateAsync(IServiceProvider services, CreateUserRequest request, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(request);
        var db = services.GetRequiredService<EntenteDbContext>();
        var users = services.GetRequiredService<UserManager<EntenteUser>>();
        var catalog = services.GetRequiredService<ISecurityPolicyCatalog>().Current;
        var time = services.GetRequiredService<TimeProvider>();

        var roles = new List<string>();
        foreach (var role in request.Roles ?? [])
        {
            var known = Domain.Roles.Normalise(role);
            if (known is null)
            {
                return DomainError.Invalid("roles", $"'{role}' is not a role. Roles: {string.Join(", ", Domain.Roles.All)}.");
            }

            if (!roles.Contains(known))
            {
                roles.Add(known);
            }
        }

        if (roles.Count == 0)
        {
            return DomainError.Invalid("roles", "A user needs at least one role.");
        }

        if (!catalog.TryParse(request.Clearance, out var clearance))
        {
            return DomainError.Invalid("clearance", $"'{request.Clearance}' is not a classification of the policy.");
        }

        var member = string.IsNullOrWhiteSpace(request.Member) ? null : request.Member.Trim().ToUpperInvariant();
        if (member is not null && !await db.Members.AnyAsync(m => m.Code == member, cancellationToken))
        {
            return DomainError.Invalid("member", $"There is no member '{member}'.");
        }

        if (roles.Contains(Domain.Roles.Delegate) && member is null)
        {
            return DomainError.Invalid("member", "A delegate must belong to a member.");
        }

        var userName = (request.UserName ?? "").Trim();
        var displayName = string.IsNullOrWhiteSpace(request.DisplayName) ? userName : request.DisplayName.Trim();
        if (displayName.Length > 200)
        {
            return DomainError.Invalid("displayName", "The display name may have at most 200 characters.");
        }

        var user = new EntenteUser
        {
            UserName = userName,
            Email = (request.Email ?? "").Trim(),
            EmailConfirmed = true,
            DisplayName = displayName,
            MemberCode = member,
            Clearance = clearance,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return ToError(created);
        }

        var added = await users.AddToRolesAsync(user, roles);
        if (!added.Succeeded)
        {
            return ToError(added);
        }

        await transaction.CommitAsync(cancellationToken);
        return user;
    }

    public static async Task<List<UserSummary>> ListAsync(EntenteDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = DateTimeOffset.UtcNow;
        var users = await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(cancellationToken);
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           select new { ur.UserId, r.Name }).ToListAsync(cancellationToken);
        var rolesByUser = roles.GroupBy(r => r.UserId).ToDictionary(g => g.Key, g => g.Select(r => r.Name!).Order(StringComparer.Ordinal).ToList());
        return users.Select(u => ToSummary(u, rolesByUser.GetValueOrDefault(u.Id) ?? [], now)).ToList();
    }

    public static UserSummary ToSummary(EntenteUser u, IReadOnlyList<string> roles, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(u);
        return new UserSummary(u.Id, u.UserName ?? "", u.Email, u.DisplayName, u.MemberCode, u.Clearance, roles,
            u.TwoFactorEnabled, u.IsDisabled, u.LockoutEnd is { } end && end > now, u.CreatedAt, u.LastSeenAt, u.IsDemo);
    }

    public static async Task<EntenteUser?> FindAsync(UserManager<EntenteUser> users, string nameOrEmailOrId)
    {
        ArgumentNullException.ThrowIfNull(users);
        if (Guid.TryParse(nameOrEmailOrId, out var id))
        {
            return await users.FindByIdAsync(id.ToString());
        }

        return await users.FindByNameAsync(nameOrEmailOrId) ?? await users.FindByEmailAsync(nameOrEmailOrId);
    }

    /// <summary>Disables or enables an account. Disabling also invalidates its sessions (security stamp).</summary>
    public static async Task<Result> SetDisabledAsync(IServiceProvider services, string user, bool disabled)
    {
        ArgumentNullException.ThrowIfNull(services);
        var users = services.GetRequiredService<UserManager<EntenteUser>>();
        var account = await FindAsync(users, user);
        if (account is null)
        {
            return DomainError.NotFound($"User '{user}'");
        }

        account.IsDisabled = disabled;
        var result = await users.UpdateAsync(account);
        if (result.Succeeded && disabled)
        {
            result = await users.UpdateSecurityStampAsync(account);
        }

        return result.Succeeded ? Result.Success : ToError(result);
    }

    /// <summary>Removes the authenticator and recovery codes; the user enrols again at next sign-in.</summary>
    public static async Task<Result> ResetTwoFactorAsync(IServiceProvider services, string user)
    {
        ArgumentNullException.ThrowIfNull(services);
        var users = services.GetRequiredService<UserManager<EntenteUser>>();
        var db = services.GetRequiredService<EntenteDbContext>();
        var account = await FindAsync(users, user);
        if (account is null)
        {
            return DomainError.NotFound($"User '{user}'");
        }

        var steps = new Func<Task<IdentityResult>>[]
        {
            () => users.SetTwoFactorEnabledAsync(account, false),
            () => users.ResetAuthenticatorKeyAsync(account),
            () => users.UpdateSecurityStampAsync(account),
        };
        foreach (var step in steps)
        {
            var result = await step();
            if (!result.Succeeded)
            {
                return ToError(result);
            }
        }

        // Recovery codes are stored as one token; removing it leaves none.
        await users.RemoveAuthenticationTokenAsync(account, "[AspNetUserStore]", "RecoveryCodes");
        db.AppendAudit(db.AuditTrail.Event(AuditActions.TwoFactorReset, "identity_users", account.Id.ToString("D")));
        await db.SaveChangesAsync();
        return Result.Success;
    }

    public static DomainError ToError(IdentityResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var error = result.Errors.FirstOrDefault();
        var detail = string.Join(" ", result.Errors.Select(e => e.Description));
        return error?.Code switch
        {
            "DuplicateUserName" => new DomainError("identity.duplicate-user-name", detail, ErrorKind.Conflict, "userName"),
            "DuplicateEmail" => new DomainError("identity.duplicate-email", detail, ErrorKind.Conflict, "email"),
            "InvalidUserName" => DomainError.Invalid("userName", detail),
            "InvalidEmail" => DomainError.Invalid("email", detail),
            { } code when code.StartsWith("Password", StringComparison.Ordinal) => DomainError.Invalid("password", detail),
            _ => new DomainError("identity.rejected", detail, ErrorKind.RuleViolation),
        };
    }
}
