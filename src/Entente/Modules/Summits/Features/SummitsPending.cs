using System.Globalization;
using Entente.Components.Dashboard;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Modules.Summits.Contracts;
using Entente.Modules.Summits.Domain;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Summits.Features;

/// <summary>
/// The procedures and meetings awaiting a member, as sources of the delegate's "pending" card, next to its action
/// items. Both read through the label filter: a procedure or meeting the caller may not see is not listed.
/// </summary>
public static class SummitsPending
{
    public const int Listed = 6;

    /// <summary>How far ahead the card lists meetings.</summary>
    public static readonly TimeSpan MeetingHorizon = TimeSpan.FromDays(14);

    /// <summary>Silence procedures that break within this are marked urgent.</summary>
    public static readonly TimeSpan UrgentSilence = TimeSpan.FromHours(24);

    /// <summary>Running silence procedures and consensus rounds <paramref name="member"/> has not answered.</summary>
    public static async Task<PendingSource> ProceduresAsync(EntenteDbContext db, string member, DateTime now, CancellationToken cancellationToken)
    {
        var pending = await PendingProcedures.ForMemberAsync(db, member, cancellationToken);
        var silences = pending.Count(p => p.Procedure == DecisionProcedure.Silence);
        var rounds = pending.Count - silences;
        var summary = pending.Count == 0
            ? "No silence procedure or consensus round awaits " + member + "."
            : $"{Count(silences, "silence procedure")} running, {Count(rounds, "consensus round")} awaiting {member}'s position.";
        var items = pending.Take(Listed).Select(p => p.Procedure == DecisionProcedure.Silence && p.Deadline is { } deadline
            ? new PendingItem("Silence procedure", p.Title, $"/summits/proposals/{p.ProposalId}", DateOnly.FromDateTime(deadline),
                deadline - now <= UrgentSilence, $"silence breaks at {deadline.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC")
            : new PendingItem("Consensus round", p.Title, $"/summits/proposals/{p.ProposalId}", null, false,
                $"your position on version {p.CurrentVersion} is awaited")).ToList();
        return new PendingSource("Procedures", summary, "/summits/proposals?status=inConsultation", items);
    }

    /// <summary>Planned meetings <paramref name="member"/> is invited to that start within <see cref="MeetingHorizon"/>.</summary>
    public static async Task<PendingSource> MeetingsAsync(EntenteDbContext db, string member, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var token = Label.TokenFor(member);
        var until = now + MeetingHorizon;
        var meetings = await db.Meetings.AsNoTracking()
            .Where(m => m.Status == MeetingStatus.Planned && m.EndsAt >= now && m.StartsAt <= until && m.Invited.Contains(token))
            .OrderBy(m => m.StartsAt).Take(Listed)
            .Select(m => new { m.Id, m.Title, m.StartsAt, m.Format })
            .ToListAsync(cancellationToken);
        var summary = meetings.Count == 0
            ? $"{member} is invited to no meeting in the next {MeetingHorizon.TotalDays:0} days."
            : $"{member} is invited to {Count(meetings.Count, "meeting")} in the next {MeetingHorizon.TotalDays:0} days.";
        var items = meetings.Select(m => new PendingItem("Meeting", m.Title, $"/summits/meetings/{m.Id}", DateOnly.FromDateTime(m.StartsAt),
            m.StartsAt - now <= TimeSpan.FromHours(24),
            $"{m.Format.ToString().ToLowerInvariant()}, starts {m.StartsAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC")).ToList();
        return new PendingSource("Meetings", summary, "/summits/meetings", items);
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
