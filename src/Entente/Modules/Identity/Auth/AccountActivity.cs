using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Security;
using Entente.Modules.Audit.Domain;
using Entente.Modules.Identity.Domain;
using Microsoft.AspNetCore.Identity;

namespace Entente.Modules.Identity.Auth;

/// <summary>
/// What the sign-in pages record and decide around Identity's sign-in manager: audit entries for successes,
/// failures and lockouts (with the name that was tried, never the password), the user's last activity, and where a
/// freshly signed-in user goes next. Scoped: one per request.
/// </summary>
public sealed class AccountActivity(EntenteDbContext db, Caller caller, UserManager<EntenteUser> users, TimeProvider time)
{
    /// <summary>Longest attempted name kept in the audit chain.</summary>
    private const int MaxAttemptedNameLength = 256;

    /// <summary>Records a successful sign-in and makes the user the actor of the rest of the request.</summary>
    /// <param name="user">The user who signed in.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <param name="method"><c>pwd</c>, <c>mfa</c> or <c>recovery-code</c>.</param>
    public async Task SignedInAsync(EntenteUser user, string method, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        caller.SetUser(user.Id, user.UserName ?? user.Id.ToString(), AccessScope.ForUser(user.Clearance, user.MemberCode, []),
            caller.Origin, caller.TraceId, "cookie");
        user.LastSeenAt = time.GetUtcNow().UtcDateTime;
        db.AppendAudit(db.AuditTrail.Event(AuditActions.SignIn, "identity_users", user.Id.ToString("D"), new { method }));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Records a refused sign-in attempt by an anonymous caller.</summary>
    /// <param name="attempted">The user name or e-mail address that was typed.</param>
    /// <param name="user">The account it names, when one exists.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <param name="reason">A short code: <c>unknown-user</c>, <c>wrong-password</c>, <c>wrong-code</c>, <c>disabled</c>, <c>locked-out</c>.</param>
    public Task FailedAsync(string attempted, EntenteUser? user, string reason, CancellationToken cancellationToken) =>
        AppendAsync(AuditActions.SignInFailed, attempted, user, reason, cancellationToken);

    /// <summary>Records that repeated failures have just locked the account.</summary>
    public Task LockedOutAsync(string attempted, EntenteUser user, CancellationToken cancellationToken) =>
        AppendAsync(AuditActions.LockedOut, attempted, user, "too-many-failures", cancellationToken);

    /// <summary>Records a sign-out by the current caller.</summary>
    public async Task SignedOutAsync(CancellationToken cancellationToken)
    {
        if (caller.UserId is not { } id)
        {
            return;
        }

        db.AppendAudit(db.AuditTrail.Event(AuditActions.SignOut, "identity_users", id.ToString("D")));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Records a change of the caller's own second factor.</summary>
    public async Task TwoFactorChangedAsync(EntenteUser user, string action, string detail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        db.AppendAudit(db.AuditTrail.Event(action, "identity_users", user.Id.ToString("D"), new { detail }));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Where a user goes right after signing in: to choose a password when they hold a one-time password, to enrol
    /// an authenticator when their role requires one and none is enrolled, otherwise to the local
    /// <paramref name="returnUrl"/> (or the home page).
    /// </summary>
    public async Task<string> NextStepAsync(EntenteUser user, string? returnUrl)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.PasswordChangeRequired)
        {
            return ReturnUrls.With("/account/password?required=1", returnUrl);
        }

        if (!user.TwoFactorEnabled && TwoFactorRequirement.AppliesTo(await users.GetRolesAsync(user)))
        {
            return ReturnUrls.With("/account/two-factor?required=1", returnUrl);
        }

        return ReturnUrls.OrDefault(returnUrl);
    }

    /// <summary>When a lockout in force ends (UTC), or null.</summary>
    public async Task<DateTimeOffset?> LockoutEndAsync(EntenteUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var end = await users.GetLockoutEndDateAsync(user);
        return end is { } e && e > time.GetUtcNow() ? e : null;
    }

    /// <summary>A sentence saying when a locked account can try again.</summary>
    public string DescribeLockout(DateTimeOffset? until)
    {
        if (until is not { } end)
        {
            return "Too many failed attempts: this account is locked for a while. Try again later, or ask an administrator to unlock it.";
        }

        var minutes = Math.Max(1, (int)Math.Ceiling((end - time.GetUtcNow()).TotalMinutes));
        return $"Too many failed attempts: this account is locked until {end.UtcDateTime:HH:mm} UTC " +
            $"(in {minutes} minute{(minutes == 1 ? "" : "s")}). Try again then, or ask an administrator to unlock it.";
    }

    private async Task AppendAsync(string action, string attempted, EntenteUser? user, string reason, CancellationToken cancellationToken)
    {
        var name = (attempted ?? "").Trim();
        if (name.Length > MaxAttemptedNameLength)
        {
            name = name[..MaxAttemptedNameLength];
        }

        db.AppendAudit(db.AuditTrail.Event(action, "identity_users", user?.Id.ToString("D"), new { attempted = name, reason }));
        await db.SaveChangesAsync(cancellationToken);
    }
}
