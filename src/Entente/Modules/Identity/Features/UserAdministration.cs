using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Problems;
using Entente.Infrastructure.Security;
using Entente.Modules.Audit.Domain;
using Entente.Modules.Identity.Domain;
using Entente.Modules.Registry.Contracts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Identity.Features;

/// <summary>
/// An account as administrators see it; never includes secrets. <see cref="Clearance"/> is a classification rank,
/// instants are UTC, and <see cref="LockedOutUntil"/> is set only while a lockout is in force.
/// </summary>
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
    DateTimeOffset? LockedOutUntil,
    bool PasswordChangeRequired,
    DateTime CreatedAt,
    DateTime? LastSeenAt,
    bool IsDemo)
{
    public UserState State => IsDisabled ? UserState.Disabled : IsLockedOut ? UserState.LockedOut : UserState.Active;

    /// <summary>True when a role requires two-factor authentication and none is enrolled yet.</summary>
    public bool TwoFactorMissing => Auth.TwoFactorRequirement.IsMissing(Roles, TwoFactorEnabled);
}

/// <summary>Whether an account can be used right now.</summary>
public enum UserState
{
    /// <summary>May sign in and use its tokens.</summary>
    Active,

    /// <summary>Disabled by an administrator: no sign-in, no tokens.</summary>
    Disabled,

    /// <summary>Locked for a while after repeated failed sign-ins.</summary>
    LockedOut,
}

/// <summary>Filters of the user list; every one is optional.</summary>
/// <param name="Search">Part of the user name, display name or e-mail address, in any case.</param>
/// <param name="Role">Only holders of this role.</param>
/// <param name="Member">Only users of this member; <c>-</c> for users of no member.</param>
/// <param name="State">Only accounts in this state.</param>
public sealed record UserFilter(string? Search = null, string? Role = null, string? Member = null, UserState? State = null);

/// <summary>
/// Account administration shared by the command line, the admin pages and the admin API, so each rule (known
/// roles, existing member, valid clearance, password policy, the guard rails around administrators) is stated once.
/// Every change renews the account's security stamp, so its open sessions re-validate within a minute.
/// </summary>
public static class UserAdministration
{
    /// <summary>Key of the PostgreSQL advisory lock that serialises changes to who is an active administrator.</summary>
    private const long AdministratorsLockKey = 0x656e742d61646d; // "ent-adm"

    /// <summary>
    /// Creates an account with a one-time <paramref name="password"/>, handed to the user by someone else: the user
    /// must replace it at first sign-in before doing anything else.
    /// </summary>
    public static Task<Result<EntenteUser>> CreateAsync(IServiceProvider services, CreateUserRequest request, string password, CancellationToken cancellationToken) =>
        CreateAsync(services, request, password, passwordChangeRequired: true, cancellationToken);

    /// <summary>
    /// Creates an account with <paramref name="password"/>; unless <paramref name="passwordChangeRequired"/>, the user
    /// keeps it (for accounts whose password never passed through another person's hands).
    /// </summary>
    public static async Task<Result<EntenteUser>> CreateAsync(
        IServiceProvider services, CreateUserRequest request, string password, bool passwordChangeRequired, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(request);
        var db = services.GetRequiredService<EntenteDbContext>();
        var users = services.GetRequiredService<UserManager<EntenteUser>>();
        var time = services.GetRequiredService<TimeProvider>();

        var assignment = await ValidateAssignmentAsync(services, request.Roles, request.Member, request.Clearance, cancellationToken);
        if (!assignment.IsSuccess)
        {
            return assignment.Error!;
        }

        if (GuardClearance(services, assignment.Value.Clearance, currentClearance: null) is { } tooHigh)
        {
            return tooHigh;
        }

        var userName = (request.UserName ?? "").Trim();
        var displayName = string.IsNullOrWhiteSpace(request.DisplayName) ? userName : request.DisplayName.Trim();
        if (ValidateDisplayName(displayName) is { } invalid)
        {
            return invalid;
        }

        var (roles, member, clearance) = assignment.Value;
        var user = new EntenteUser
        {
            UserName = userName,
            Email = (request.Email ?? "").Trim(),
            EmailConfirmed = true,
            DisplayName = displayName,
            MemberCode = member,
            Clearance = clearance,
            CreatedAt = time.GetUtcNow().UtcDateTime,
            PasswordChangeRequired = passwordChangeRequired,
        };

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return Abandon(db, ToError(created));
        }

        var added = await users.AddToRolesAsync(user, roles);
        if (!added.Succeeded)
        {
            return Abandon(db, ToError(added));
        }

        await transaction.CommitAsync(cancellationToken);
        return user;
    }

    /// <summary>
    /// Replaces the display name, e-mail address, roles, member and clearance of an account. The user name never
    /// changes: the audit chain refers to it. An administrator cannot remove their own Administrator role, and the
    /// last active Administrator keeps it. An administrator cannot change their own member or clearance, nor raise
    /// anyone's clearance above their own (the command line, acting as the platform, can).
    /// </summary>
    public static async Task<Result<EntenteUser>> UpdateAsync(IServiceProvider services, Guid userId, UpdateUserRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(request);
        var db = services.GetRequiredService<EntenteDbContext>();
        var users = services.GetRequiredService<UserManager<EntenteUser>>();
        var caller = services.GetRequiredService<Caller>();

        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            return DomainError.NotFound("The user");
        }

        var assignment = await ValidateAssignmentAsync(services, request.Roles, request.Member, request.Clearance, cancellationToken);
        if (!assignment.IsSuccess)
        {
            return assignment.Error!;
        }

        var displayName = (request.DisplayName ?? "").Trim();
        if (displayName.Length == 0)
        {
            return DomainError.Invalid("displayName", "Enter the name shown for this user.");
        }

        if (ValidateDisplayName(displayName) is { } invalid)
        {
            return invalid;
        }

        var (roles, member, clearance) = assignment.Value;
        if (!caller.Scope.IsSystem && caller.UserId == user.Id)
        {
            if (member != user.MemberCode)
            {
                return new DomainError("identity.cannot-change-own-member",
                    "You cannot change the member you act for; ask another administrator.", ErrorKind.RuleViolation, "member");
            }

            if (clearance != user.Clearance)
            {
                return new DomainError("identity.cannot-change-own-clearance",
                    "You cannot change your own clearance; ask another administrator.", ErrorKind.RuleViolation, "clearance");
            }
        }

        if (GuardClearance(services, clearance, user.Clearance) is { } tooHigh)
        {
            return tooHigh;
        }

        var current = await users.GetRolesAsync(user);
        var removed = current.Where(r => !roles.Contains(r, StringComparer.Ordinal)).ToList();
        var added = roles.Where(r => !current.Contains(r, StringComparer.Ordinal)).ToList();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (removed.Contains(Domain.Roles.Administrator))
        {
            if (caller.UserId == user.Id)
            {
                return Abandon(db, new DomainError("identity.cannot-demote-self",
                    "You cannot remove your own Administrator role; ask another administrator.", ErrorKind.RuleViolation, "roles"));
            }

            if (await IsLastActiveAdministratorAsync(db, user, cancellationToken))
            {
                return Abandon(db, LastAdministrator("roles"));
            }
        }

        user.DisplayName = displayName;
        user.Email = (request.Email ?? "").Trim();
        user.MemberCode = member;
        user.Clearance = clearance;
        var steps = new List<Func<Task<IdentityResult>>>();
        if (removed.Count > 0)
        {
            steps.Add(() => users.RemoveFromRolesAsync(user, removed));
        }

        if (added.Count > 0)
        {
            steps.Add(() => users.AddToRolesAsync(user, added));
        }

        // Saves the fields above too, after validating the e-mail address and its uniqueness.
        steps.Add(() => users.UpdateSecurityStampAsync(user));
        foreach (var step in steps)
        {
            var result = await step();
            if (!result.Succeeded)
            {
                return Abandon(db, ToError(result));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return user;
    }

    /// <summary>
    /// Disables or enables an account. A disabled account cannot sign in, its sessions end and its API tokens stop
    /// working at once. Administrators cannot disable themselves, and the last active Administrator stays enabled.
    /// </summary>
    public static async Task<Result> SetDisabledAsync(IServiceProvider services, string user, bool disabled, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var db = services.GetRequiredService<EntenteDbContext>();
        var users = services.GetRequiredService<UserManager<EntenteUser>>();
        var caller = services.GetRequiredService<Caller>();
        var account = await FindAsync(users, user);
        if (account is null)
        {
            return DomainError.NotFound($"User '{user}'");
        }

        if (account.IsDisabled == disabled)
        {
            return new DomainError(disabled ? "identity.already-disabled" : "identity.already-enabled",
                $"{account.UserName} is already {(disabled ? "disabled" : "enabled")}.", ErrorKind.Conflict);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (disabled)
        {
            if (caller.UserId == account.Id)
            {
                return Abandon(db, new DomainError("identity.cannot-disable-self",
                    "You cannot disable your own account; ask another administrator.", ErrorKind.RuleViolation));
            }

            if (await users.IsInRoleAsync(account, Domain.Roles.Administrator) && await IsLastActiveAdministratorAsync(db, account, cancellationToken))
            {
                return Abandon(db, LastAdministrator(null));
            }
        }

        account.IsDisabled = disabled;
        var result = await users.UpdateSecurityStampAsync(account);
        if (!result.Succeeded)
        {
            return Abandon(db, ToError(result));
        }

        await transaction.CommitAsync(cancellationToken);
        return Result.Success;
    }

    /// <summary>Ends a lockout now and clears the count of failed attempts.</summary>
    public static async Task<Result> UnlockAsync(IServiceProvider services, string user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var db = services.GetRequiredService<EntenteDbContext>();
        var users = services.GetRequiredService<UserManager<EntenteUser>>();
        var account = await FindAsync(users, user);
        if (account is null)
        {
            return DomainError.NotFound($"User '{user}'");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        account.LockoutEnd = null;
        account.AccessFailedCount = 0;
        var result = await users.UpdateSecurityStampAsync(account);
        if (!result.Succeeded)
        {
            return Abandon(db, ToError(result));
        }

        await transaction.CommitAsync(cancellationToken);
        return Result.Success;
    }

    /// <summary>
    /// Replaces the password with a generated one that the user must change at next sign-in, ends any lockout and
    /// revokes the user's API tokens (a reset means the account may be in someone else's hands). Returns the new
    /// password, which is not stored anywhere in clear.
    /// </summary>
    public static async Task<Result<string>> ResetPasswordAsync(IServiceProvider services, string user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var db = services.GetRequiredService<EntenteDbContext>();
        var users = services.GetRequiredService<UserManager<EntenteUser>>();
        var account = await FindAsync(users, user);
        if (account is null)
        {
            return DomainError.NotFound($"User '{user}'");
        }

        var password = GeneratedPassword.Create();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ApiTokens.RevokeAllAsync(db, account.Id, RevokedByReset(services, "password reset"),
            services.GetRequiredService<TimeProvider>(), cancellationToken);
        account.PasswordChangeRequired = true;
        account.LockoutEnd = null;
        account.AccessFailedCount = 0;
        var token = await users.GeneratePasswordResetTokenAsync(account);

        // Validates the password, stores its hash and renews the security stamp, saving the fields above with it.
        var result = await users.ResetPasswordAsync(account, token, password);
        if (!result.Succeeded)
        {
            return Abandon(db, ToError(result));
        }

        await transaction.CommitAsync(cancellationToken);
        return password;
    }

    /// <summary>
    /// Removes the authenticator and recovery codes and revokes the user's API tokens; the user enrols again at next
    /// sign-in and issues new tokens from that session.
    /// </summary>
    public static async Task<Result> ResetTwoFactorAsync(IServiceProvider services, string user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var users = services.GetRequiredService<UserManager<EntenteUser>>();
        var db = services.GetRequiredService<EntenteDbContext>();
        var account = await FindAsync(users, user);
        if (account is null)
        {
            return DomainError.NotFound($"User '{user}'");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ApiTokens.RevokeAllAsync(db, account.Id, RevokedByReset(services, "two-factor reset"),
            services.GetRequiredService<TimeProvider>(), cancellationToken);
        var steps = new Func<Task<IdentityResult>>[]
        {
            // Saves the revocations above with it.
            () => users.SetTwoFactorEnabledAsync(account, false),

            // A new key that nobody holds: the old authenticator app stops producing valid codes. Renews the stamp.
            () => users.ResetAuthenticatorKeyAsync(account),

            // Recovery codes are stored as one token; removing it leaves none.
            () => users.RemoveAuthenticationTokenAsync(account, "[AspNetUserStore]", "RecoveryCodes"),
        };
        foreach (var step in steps)
        {
            var result = await step();
            if (!result.Succeeded)
            {
                return Abandon(db, ToError(result));
            }
        }

        db.AppendAudit(db.AuditTrail.Event(AuditActions.TwoFactorReset, "identity_users", account.Id.ToString("D"),
            new { user = account.UserName }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result.Success;
    }

    private static string RevokedByReset(IServiceProvider services, string reason)
    {
        var by = $"{services.GetRequiredService<Caller>().ActorName} ({reason})";
        return by.Length > 256 ? by[..256] : by;
    }

    /// <summary>Every account, by user name (for the command line).</summary>
    public static async Task<List<UserSummary>> ListAsync(EntenteDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var all = await QueryAsync(db, new UserFilter(), new PageRequest { PageSize = int.MaxValue }, time, cancellationToken);
        return [.. all.Items];
    }

    public static async Task<UserSummary?> GetAsync(EntenteDbContext db, Guid userId, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return null;
        }

        var roles = await RolesOfAsync(db, [user.Id], cancellationToken);
        return ToSummary(user, roles.GetValueOrDefault(user.Id) ?? [], time.GetUtcNow());
    }

    public static UserSummary ToSummary(EntenteUser u, IReadOnlyList<string> roles, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(u);
        var locked = u.LockoutEnd is { } end && end > now;
        return new UserSummary(u.Id, u.UserName ?? "", u.Email, u.DisplayName, u.MemberCode, u.Clearance, roles,
            u.TwoFactorEnabled, u.IsDisabled, locked, locked ? u.LockoutEnd : null, u.PasswordChangeRequired,
            u.CreatedAt, u.LastSeenAt, u.IsDemo);
    }

    /// <summary>Finds an account by id, user name or e-mail address.</summary>
    public static async Task<EntenteUser?> FindAsync(UserManager<EntenteUser> users, string nameOrEmailOrId)
    {
        ArgumentNullException.ThrowIfNull(users);
        if (string.IsNullOrWhiteSpace(nameOrEmailOrId))
        {
            return null;
        }

        if (Guid.TryParse(nameOrEmailOrId, out var id))
        {
            return await users.FindByIdAsync(id.ToString());
        }

        var text = nameOrEmailOrId.Trim();
        return await users.FindByNameAsync(text) ?? await users.FindByEmailAsync(text);
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
            "ConcurrencyFailure" => new DomainError("identity.concurrent-change", "The account was changed by someone else at the same time; reload and try again.", ErrorKind.Conflict),
            _ => new DomainError("identity.rejected", detail, ErrorKind.RuleViolation),
        };
    }

    /// <summary>One page of accounts matching <paramref name="filter"/>, ordered by user name.</summary>
    public static async Task<Paged<UserSummary>> QueryAsync(EntenteDbContext db, UserFilter filter, PageRequest page, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow();
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var text = filter.Search.Trim().ToUpperInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // Translated to SQL upper(); EF cannot translate culture or comparison overloads.
            query = query.Where(u => u.NormalizedUserName!.Contains(text)
                || (u.NormalizedEmail != null && u.NormalizedEmail.Contains(text))
                || u.DisplayName.ToUpper().Contains(text));
#pragma warning restore CA1304, CA1311, CA1862
        }

        if (Domain.Roles.Normalise(filter.Role) is { } role)
        {
            var normalised = role.ToUpperInvariant();
            query = query.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id
                && db.Roles.Any(r => r.Id == ur.RoleId && r.NormalizedName == normalised)));
        }

        if (!string.IsNullOrWhiteSpace(filter.Member))
        {
            var member = filter.Member.Trim().ToUpperInvariant();
            query = member == "-" ? query.Where(u => u.MemberCode == null) : query.Where(u => u.MemberCode == member);
        }

        if (filter.State is { } state)
        {
            // SQLite cannot compare the DateTimeOffset of a lockout in SQL; the few accounts with one are checked here.
            var withLockout = await db.Users.AsNoTracking()
                .Where(u => u.LockoutEnd != null)
                .Select(u => new { u.Id, u.LockoutEnd })
                .ToListAsync(cancellationToken);
            var locked = withLockout.Where(u => u.LockoutEnd > now).Select(u => u.Id).ToList();
            query = state switch
            {
                UserState.Active => query.Where(u => !u.IsDisabled && !locked.Contains(u.Id)),
                UserState.Disabled => query.Where(u => u.IsDisabled),
                UserState.LockedOut => query.Where(u => !u.IsDisabled && locked.Contains(u.Id)),
            };
        }

        query = query.OrderBy(u => u.NormalizedUserName).ThenBy(u => u.Id);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.Skip(page.Skip).Take(page.EffectivePageSize).ToListAsync(cancellationToken);
        var roles = await RolesOfAsync(db, rows.Select(u => u.Id).ToList(), cancellationToken);
        var items = rows.Select(u => ToSummary(u, roles.GetValueOrDefault(u.Id) ?? [], now)).ToList();
        return new Paged<UserSummary>(items, page.EffectivePage, page.EffectivePageSize, total);
    }

    private static async Task<Dictionary<Guid, List<string>>> RolesOfAsync(EntenteDbContext db, List<Guid> userIds, CancellationToken cancellationToken)
    {
        var rows = await (from ur in db.UserRoles
                          join r in db.Roles on ur.RoleId equals r.Id
                          where userIds.Contains(ur.UserId)
                          select new { ur.UserId, r.Name }).ToListAsync(cancellationToken);

        // Listed in the order of Roles.All (most powerful first), not alphabetically.
        return rows.GroupBy(r => r.UserId).ToDictionary(
            g => g.Key,
            g => g.Select(r => r.Name!).OrderBy(n => IndexOfRole(n)).ToList());
    }

    private static int IndexOfRole(string role)
    {
        for (var i = 0; i < Domain.Roles.All.Count; i++)
        {
            if (Domain.Roles.All[i] == role)
            {
                return i;
            }
        }

        return int.MaxValue;
    }

    /// <summary>Checks roles, member and clearance and returns them in canonical form.</summary>
    /// <summary>
    /// Nobody grants a clearance they do not hold: a person may set <paramref name="clearance"/> above their own only
    /// where it does not raise the account (it keeps or lowers the <paramref name="currentClearance"/> it already has).
    /// The platform itself (the command line, start-up) is exempt.
    /// </summary>
    private static DomainError? GuardClearance(IServiceProvider services, int clearance, int? currentClearance)
    {
        var scope = services.GetRequiredService<Caller>().Scope;
        if (scope.IsSystem || clearance <= scope.Clearance || clearance <= currentClearance)
        {
            return null;
        }

        var policy = services.GetRequiredService<ISecurityPolicyCatalog>().Current;
        return new DomainError("identity.clearance-above-own",
            $"You cannot grant {policy.CodeOf(clearance)}: your own clearance is {policy.CodeOf(scope.Clearance)}.",
            ErrorKind.RuleViolation, "clearance");
    }

    private static async Task<Result<(List<string> Roles, string? Member, int Clearance)>> ValidateAssignmentAsync(
        IServiceProvider services, IReadOnlyList<string>? requestedRoles, string? requestedMember, string? requestedClearance, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<EntenteDbContext>();
        var catalog = services.GetRequiredService<ISecurityPolicyCatalog>().Current;
        var roles = new List<string>();
        foreach (var role in requestedRoles ?? [])
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

        if (!catalog.TryParse(requestedClearance, out var clearance))
        {
            return DomainError.Invalid("clearance",
                $"'{requestedClearance}' is not a classification of the policy. Classifications: {string.Join(", ", catalog.Classifications.Select(c => c.Code))}.");
        }

        // Read through the label filter: an administrator assigns only members they can see.
        var member = string.IsNullOrWhiteSpace(requestedMember) ? null : requestedMember.Trim().ToUpperInvariant();
        if (member is not null && !await db.Members.AnyAsync(m => m.Code == member, cancellationToken))
        {
            return DomainError.Invalid("member", $"There is no member '{member}'.");
        }

        if (roles.Contains(Domain.Roles.Delegate) && member is null)
        {
            return DomainError.Invalid("member", "A delegate must belong to a member.");
        }

        return (roles.OrderBy(IndexOfRole).ToList(), member, clearance);
    }

    private static DomainError? ValidateDisplayName(string displayName) =>
        displayName.Length > 200 || displayName.Any(char.IsControl)
            ? DomainError.Invalid("displayName", "The display name may have at most 200 characters and no control characters.")
            : null;

    /// <summary>
    /// True when <paramref name="user"/> is an enabled Administrator and no other enabled Administrator exists.
    /// Takes a lock on PostgreSQL so that two administrators demoting each other at once cannot both succeed; SQLite
    /// already lets one writer through at a time.
    /// </summary>
    private static async Task<bool> IsLastActiveAdministratorAsync(EntenteDbContext db, EntenteUser user, CancellationToken cancellationToken)
    {
        if (db.IsPostgres)
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AdministratorsLockKey})", cancellationToken);
        }

        if (user.IsDisabled)
        {
            return false;
        }

        var normalised = Domain.Roles.Administrator.ToUpperInvariant();
        var others = await (from ur in db.UserRoles
                            join r in db.Roles on ur.RoleId equals r.Id
                            join u in db.Users on ur.UserId equals u.Id
                            where r.NormalizedName == normalised && !u.IsDisabled && u.Id != user.Id
                            select u.Id).CountAsync(cancellationToken);
        return others == 0;
    }

    private static DomainError LastAdministrator(string? field) =>
        new("identity.last-administrator",
            "This is the last active Administrator; make another user an Administrator first.", ErrorKind.RuleViolation, field);

    /// <summary>
    /// Forgets the half-made changes of a failed operation so that a later save in the same scope cannot store
    /// them; the open transaction rolls back when disposed.
    /// </summary>
    private static DomainError Abandon(EntenteDbContext db, DomainError error)
    {
        db.ChangeTracker.Clear();
        return error;
    }
}
