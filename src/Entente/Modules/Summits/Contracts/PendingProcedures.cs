using Entente.Infrastructure.Data;
using Entente.Modules.Summits.Domain;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Summits.Contracts;

/// <summary>
/// A procedure that awaits a member's answer: a consensus round the member has not answered on the current version,
/// or a silence procedure still running (silence needs no answer, but the member should know its deadline).
/// </summary>
public sealed record PendingProcedure(
    Guid ProposalId, string Title, DecisionProcedure Procedure, int CurrentVersion, DateTime? Deadline, Stance? AnsweredStance, int? AnsweredVersion);

/// <summary>What awaits a member, for the delegate's home page. Reads through the label filter: only what the caller may see.</summary>
public static class PendingProcedures
{
    public static async Task<IReadOnlyList<PendingProcedure>> ForMemberAsync(EntenteDbContext db, string member, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrWhiteSpace(member);
        var open = await db.Proposals.AsNoTracking().Where(p => p.Status == ProposalStatus.InConsultation)
            .Select(p => new { p.Id, p.Title, p.Procedure, p.CurrentVersion, p.SilenceDeadline, p.Round }).ToListAsync(cancellationToken);
        if (open.Count == 0)
        {
            return [];
        }

        var ids = open.Select(p => p.Id).ToList();
        var positions = await db.ProposalPositions.AsNoTracking().Where(x => x.Member == member && ids.Contains(x.ProposalId))
            .Select(x => new { x.ProposalId, x.Round, x.Stance, x.VersionNumber, x.At }).ToListAsync(cancellationToken);
        var pending = new List<PendingProcedure>();
        foreach (var p in open)
        {
            var latest = positions.Where(x => x.ProposalId == p.Id && x.Round == p.Round).OrderBy(x => x.At).LastOrDefault();
            var answeredCurrent = latest is not null && latest.VersionNumber == p.CurrentVersion;
            if (p.Procedure == DecisionProcedure.Consensus && answeredCurrent)
            {
                continue;
            }

            pending.Add(new PendingProcedure(p.Id, p.Title, p.Procedure ?? DecisionProcedure.Consensus, p.CurrentVersion, p.SilenceDeadline,
                latest?.Stance, latest?.VersionNumber));
        }

        // Nearest deadline first; consensus rounds (no deadline) after.
        return pending.OrderBy(p => p.Deadline ?? DateTime.MaxValue).ThenBy(p => p.Title, StringComparer.CurrentCulture).ToList();
    }
}
