using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Modules.Audit.Domain;
using Entente.Modules.Identity.Domain;
using Entente.Modules.Ledger.Domain;
using Entente.Modules.Registry.Domain;
using Microsoft.EntityFrameworkCore;

namespace Entente.Components.Dashboard;

/// <summary>
/// What the home page shows each role, read through the label-filtered sets only: every count and list holds what
/// the signed-in user may see and nothing else. Records are materialised and mapped (never projected from SQL) where
/// their content is shown, so reads of restricted ones are audited like any other read.
/// </summary>
public static class DashboardQueries
{
    /// <summary>How far ahead an expiring API token is flagged.</summary>
    public static readonly TimeSpan TokenExpiryWarning = TimeSpan.FromDays(14);

    public const int RecentItems = 6;
    public const int SecurityEventItems = 8;

    public static async Task<CoalitionGlance> LoadCoalitionAsync(EntenteDbContext db, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var total = await db.Members.CountAsync(cancellationToken);
        var current = await db.Members
            .SelectMany(m => m.Statuses)
            .Where(s => s.From <= today && (s.To == null || s.To >= today))
            .GroupBy(s => s.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var byStatus = Enum.GetValues<CoalitionStatus>()
            .Select(status => new StatusCount(status, current.FirstOrDefault(c => c.Status == status)?.Count ?? 0))
            .ToList();
        return new CoalitionGlance(total, byStatus, total - byStatus.Sum(s => s.Count));
    }

    public static async Task<AdministratorData> LoadAdministratorAsync(EntenteDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var utcNow = now.UtcDateTime;

        // Accounts are few (hundreds); lockout instants are compared here because SQLite cannot compare offsets.
        var users = await db.Users.AsNoTracking()
            .Select(u => new { u.Id, u.UserName, u.IsDisabled, u.LockoutEnd, u.TwoFactorEnabled })
            .ToListAsync(cancellationToken);
        var needTwoFactor = Roles.RequiringTwoFactor.Select(r => r.ToUpperInvariant()).ToArray();
        var requiring = (await (from ur in db.UserRoles
                                join r in db.Roles on ur.RoleId equals r.Id
                                where needTwoFactor.Contains(r.NormalizedName!)
                                select ur.UserId).ToListAsync(cancellationToken)).ToHashSet();
        var accounts = new AccountCounts(
            users.Count,
            users.Count(u => u.IsDisabled),
            users.Count(u => u.LockoutEnd is { } end && end > now),
            users.Count(u => !u.IsDisabled && !u.TwoFactorEnabled && requiring.Contains(u.Id)));

        var soon = utcNow + TokenExpiryWarning;
        var expiring = db.ApiTokens.AsNoTracking().Where(t => t.RevokedAt == null && t.ExpiresAt > utcNow && t.ExpiresAt <= soon);
        var expiringCount = await expiring.CountAsync(cancellationToken);
        var tokens = await expiring.OrderBy(t => t.ExpiresAt).Take(RecentItems).ToListAsync(cancellationToken);
        var userNames = users.ToDictionary(u => u.Id, u => u.UserName ?? u.Id.ToString());
        var expiringTokens = tokens
            .Select(t => new ExpiringToken(t.Name, userNames.GetValueOrDefault(t.UserId) ?? t.UserId.ToString(), t.ExpiresAt))
            .ToList();

        // Sequence and time only: no content of an entry is shown, so this is not a read of the record it concerns.
        var latest = await db.AuditEntries.AsNoTracking()
            .OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.OccurredAt })
            .FirstOrDefaultAsync(cancellationToken);
        var checkpoint = await db.AuditCheckpoints.AsNoTracking()
            .OrderByDescending(c => c.Sequence)
            .FirstOrDefaultAsync(cancellationToken);

        var actions = AuditActions.SecurityEvents.ToArray();
        var events = await db.AuditEntries.AsNoTracking()
            .Where(e => actions.Contains(e.Action))
            .OrderByDescending(e => e.Sequence)
            .Take(SecurityEventItems)
            .ToListAsync(cancellationToken);

        return new AdministratorData(
            accounts,
            expiringCount,
            expiringTokens,
            latest is null ? null : new ChainPoint(latest.Sequence, latest.OccurredAt, null),
            checkpoint is null ? null : new ChainPoint(checkpoint.Sequence, checkpoint.CreatedAt, checkpoint.KeyId),
            events.Select(e => new SecurityEvent(e.Sequence, e.OccurredAt, e.Action, e.ActorName, e.Origin, SecurityEventReason(e.Details))).ToList());
    }

    public static async Task<SecretariatData> LoadSecretariatAsync(EntenteDbContext db, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var recent = await db.Members.AsNoTracking()
            .Include(m => m.Statuses)
            .OrderByDescending(m => m.UpdatedAt)
            .ThenBy(m => m.Code)
            .Take(RecentItems)
            .ToListAsync(cancellationToken);
        return new SecretariatData(recent.Select(m => MemberLine.From(m, today)).ToList());
    }

    /// <summary>
    /// Aid pledges the user may see (of one donor, or all): how many, what is committed and delivered, and a short
    /// list — those still awaiting a commitment, oldest first, or for a donor its latest changes.
    /// </summary>
    public static async Task<PledgeGlance> LoadPledgesAsync(EntenteDbContext db, string? donor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var pledges = db.Pledges.AsNoTracking().Where(p => p.Kind == MeasureKind.Aid && !p.IsPackage);
        if (donor is not null)
        {
            pledges = pledges.Where(p => p.DonorCode == donor);
        }

        var totals = await pledges.GroupBy(_ => 1).Select(g => new
        {
            Count = g.Count(),
            Committed = g.Sum(p => p.CommittedEur),
            Delivered = g.Sum(p => p.DeliveredEur),
            Awaiting = g.Count(p => p.Status == PledgeStatus.Announced),
        }).FirstOrDefaultAsync(cancellationToken);
        var listed = donor is null
            ? pledges.Where(p => p.Status == PledgeStatus.Announced).OrderBy(p => p.AnnouncedOn).ThenBy(p => p.Id)
            : pledges.OrderByDescending(p => p.UpdatedAt).ThenBy(p => p.Id);
        var lines = await listed.Take(RecentItems).ToListAsync(cancellationToken);
        return new PledgeGlance(
            totals?.Count ?? 0, totals?.Committed ?? 0, totals?.Delivered ?? 0, totals?.Awaiting ?? 0,
            lines.Select(p => new PledgeLine(p.Id, p.DonorCode, p.Measure, p.AnnouncedOn, p.Status, p.ValueEur, p.Label)).ToList());
    }

    public static async Task<DelegationData> LoadDelegationAsync(EntenteDbContext db, string memberCode, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var member = await db.Members.AsNoTracking()
            .Include(m => m.Statuses)
            .FirstOrDefaultAsync(m => m.Code == memberCode, cancellationToken);
        var delegates = await db.Delegates.AsNoTracking()
            .Where(d => d.MemberCode == memberCode)
            .OrderByDescending(d => d.IsHeadOfDelegation)
            .ThenBy(d => d.FullName)
            .ToListAsync(cancellationToken);
        return new DelegationData(
            memberCode,
            member is null ? null : MemberLine.From(member, today),
            delegates.Select(d => new DelegateLine(d.FullName, d.Position, d.IsHeadOfDelegation, d.Label)).ToList());
    }

    /// <summary>The reason or path an event's details give, for one line in a list.</summary>
    private static string? SecurityEventReason(string? details)
    {
        if (string.IsNullOrEmpty(details))
        {
            return null;
        }

        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(details);
            var root = document.RootElement;
            if (root.ValueKind != System.Text.Json.JsonValueKind.Object)
            {
                return null;
            }

            foreach (var name in new[] { "reason", "userName", "user", "path" })
            {
                if (root.TryGetProperty(name, out var value) && value.ValueKind == System.Text.Json.JsonValueKind.String)
                {
                    return value.GetString();
                }
            }

            return null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}

public sealed record StatusCount(CoalitionStatus Status, int Count);

/// <summary>Members the user may see, by the status in force today.</summary>
public sealed record CoalitionGlance(int Members, IReadOnlyList<StatusCount> ByStatus, int WithoutStatus);

public sealed record AccountCounts(int Total, int Disabled, int LockedOut, int WithoutRequiredTwoFactor);

public sealed record ExpiringToken(string Name, string UserName, DateTime ExpiresAt);

/// <summary>A position in the audit chain: an entry or a checkpoint.</summary>
public sealed record ChainPoint(long Sequence, DateTime At, string? KeyId);

public sealed record SecurityEvent(long Sequence, DateTime OccurredAt, string Action, string Actor, string? Origin, string? Reason);

public sealed record AdministratorData(
    AccountCounts Accounts,
    int ExpiringTokenCount,
    IReadOnlyList<ExpiringToken> ExpiringTokens,
    ChainPoint? LatestEntry,
    ChainPoint? LastCheckpoint,
    IReadOnlyList<SecurityEvent> SecurityEvents);

public sealed record SecretariatData(IReadOnlyList<MemberLine> RecentlyChanged);

/// <summary>Aid pledges at a glance; money in euro cents.</summary>
public sealed record PledgeGlance(int Count, long CommittedEurCents, long DeliveredEurCents, int AwaitingCommitment, IReadOnlyList<PledgeLine> Pledges);

public sealed record PledgeLine(Guid Id, string Donor, string Measure, DateOnly AnnouncedOn, PledgeStatus Status, long? ValueEurCents, Label Label);

public sealed record DelegationData(string MemberCode, MemberLine? Member, IReadOnlyList<DelegateLine> Delegates);

public sealed record DelegateLine(string FullName, string? Position, bool IsHeadOfDelegation, Label Label);

/// <summary>A member with the status in force on a given day and the day that status began.</summary>
public sealed record MemberLine(string Code, string Name, MemberKind Kind, CoalitionStatus? Status, DateOnly? Since, DateTime UpdatedAt, Label Label)
{
    public static MemberLine From(Member member, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(member);
        var current = member.Statuses
            .Where(s => s.From <= today && (s.To is null || s.To >= today))
            .MaxBy(s => s.From);
        return new MemberLine(member.Code, member.Name, member.Kind, current?.Status, current?.From, member.UpdatedAt, member.Label);
    }
}
