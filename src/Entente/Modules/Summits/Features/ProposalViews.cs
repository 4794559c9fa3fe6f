using System.Globalization;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Infrastructure.Security;
using Entente.Infrastructure.Text;
using Entente.Modules.Identity.Domain;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Summits.Domain;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Summits.Features;

/// <summary>A proposal in a list.</summary>
public sealed record ProposalSummary(
    Guid Id, string Title, ProposalStatus Status, DecisionProcedure? Procedure, int CurrentVersion, DateTime? SilenceDeadline,
    Guid? MeetingId, DateTime UpdatedAt, LabelView Label);

/// <summary>A member's latest position in the current round; <c>AnswersCurrentVersion</c> false flags an answer to an older text.</summary>
public sealed record PositionView(string Member, Stance Stance, string? Statement, int Version, bool AnswersCurrentVersion, string By, DateTime At);

public sealed record SilenceBreakView(int Round, string Member, string Reason, int Version, string By, DateTime At);

public sealed record ProposalVersionView(int Number, string Title, string Text, string Reason, string By, string? ByMember, DateTime At);

/// <summary>A proposal with its text, the current round's positions and the breaks of silence.</summary>
public sealed record ProposalDetail(
    Guid Id, string Title, string Text, ProposalStatus Status, DecisionProcedure? Procedure, int Round, int CurrentVersion,
    int QuorumCount, int? QuorumPercent, DateTime? SilenceDeadline, DateTime? ProcedureOpenedAt, DateTime? ConcludedAt,
    string? OutcomeNote, Guid? MeetingId, LabelView Label, string CreatedBy, DateTime CreatedAt, DateTime UpdatedAt,
    IReadOnlyList<PositionView> Positions, IReadOnlyList<SilenceBreakView> Breaks, IReadOnlyList<ProposalVersionView> Versions,
    Guid? DecisionId);

/// <summary>The difference between two versions: concatenating same+deleted gives the older text, same+inserted the newer.</summary>
public sealed record ProposalDiff(int From, int To, DiffGranularity Granularity, IReadOnlyList<DiffSegment> Segments, int InsertedWords, int DeletedWords);

public sealed record DecisionSummary(
    Guid Id, Guid ProposalId, string Title, DecisionProcedure Procedure, DateTime AdoptedAt, int Version, LabelView Label, bool HasCommunique);

public sealed record DecisionStatementView(string Member, Stance Stance, string? Statement);

public sealed record CommuniqueView(Guid Id, Guid DecisionId, string Title, string Text, DateTime ReleasedAt);

public sealed record DecisionDetail(
    Guid Id, Guid ProposalId, string Title, string Text, DecisionProcedure Procedure, DateTime AdoptedAt, int Version,
    Guid? MeetingId, LabelView Label, IReadOnlyList<DecisionStatementView> Statements, CommuniqueView? Communique);

/// <summary>Mapping from the Summits procedure entities to responses; entities never leave the API.</summary>
public static partial class ProposalViews
{
    public static ProposalSummary Summary(Proposal p, PolicySnapshot policy)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new ProposalSummary(p.Id, p.Title, p.Status, p.Procedure, p.CurrentVersion, p.SilenceDeadline, p.MeetingId, p.UpdatedAt,
            LabelView.From(p.Label, policy));
    }

    public static ProposalDetail Detail(Proposal p, Guid? decisionId, PolicySnapshot policy)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new ProposalDetail(p.Id, p.Title, p.Text, p.Status, p.Procedure, p.Round, p.CurrentVersion, p.QuorumCount, p.QuorumPercent,
            p.SilenceDeadline, p.ProcedureOpenedAt, p.ConcludedAt, p.OutcomeNote, p.MeetingId, LabelView.From(p.Label, policy),
            p.CreatedBy, p.CreatedAt, p.UpdatedAt,
            p.LatestPositions().Select(x => Position(x, p.CurrentVersion)).ToList(),
            p.Breaks.OrderBy(b => b.At).Select(b => new SilenceBreakView(b.Round, b.Member, b.Reason, b.VersionNumber, b.By, b.At)).ToList(),
            p.Versions.OrderByDescending(v => v.Number).Select(Version).ToList(),
            decisionId);
    }

    public static PositionView Position(ProposalPosition x, int currentVersion)
    {
        ArgumentNullException.ThrowIfNull(x);
        return new PositionView(x.Member, x.Stance, x.Statement, x.VersionNumber, x.VersionNumber == currentVersion, x.By, x.At);
    }

    public static ProposalVersionView Version(ProposalVersion v)
    {
        ArgumentNullException.ThrowIfNull(v);
        return new ProposalVersionView(v.Number, v.Title, v.Text, v.Reason, v.By, v.ByMember, v.At);
    }

    public static DecisionSummary DecisionSummary(Decision d, bool hasCommunique, PolicySnapshot policy)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new DecisionSummary(d.Id, d.ProposalId, d.Title, d.Procedure, d.AdoptedAt, d.VersionNumber, LabelView.From(d.Label, policy), hasCommunique);
    }

    public static CommuniqueView Communique(Communique c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new CommuniqueView(c.Id, c.DecisionId, c.Title, c.Text, c.ReleasedAt);
    }

    public static ProposalDiff Diff(int from, int to, DiffGranularity granularity, IReadOnlyList<DiffSegment> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        return new ProposalDiff(from, to, granularity, segments,
            segments.Where(s => s.Kind == DiffKind.Inserted).Sum(s => Words().Count(s.Text)),
            segments.Where(s => s.Kind == DiffKind.Deleted).Sum(s => Words().Count(s.Text)));
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+", RegexOptions.CultureInvariant)]
    private static partial Regex Words();
}

/// <summary>Who may do what on proposals, and loading and storing them.</summary>
public static class ProposalAccess
{
    /// <summary>Draft, amend, open and conclude procedures, withdraw, release communiqués: the Secretariat and administrators.</summary>
    public const string ManagePolicy = "summits-manage-proposals";

    /// <summary>Record positions and break silence: delegates (for their own member), the Secretariat and administrators.</summary>
    public const string AnswerPolicy = "summits-answer-proposals";

    public static ProposalActor ActorOf(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return new ProposalActor(caller.ActorName, caller.Member);
    }

    public static bool IsSecretariat(ClaimsPrincipal user, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(caller);
        return caller.Scope.IsSystem || MemberAccess.IsStaff(user);
    }

    /// <summary>
    /// The member a position or break is recorded for. A delegate answers for its own member only (naming another is
    /// refused); the Secretariat records what a member said in a meeting and must name it.
    /// </summary>
    public static async Task<Result<string>> ResolveMemberAsync(
        ClaimsPrincipal user, EntenteDbContext db, string? requested, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var code = string.IsNullOrWhiteSpace(requested) ? null : requested.Trim().ToUpperInvariant();
        if (!IsSecretariat(user, db.Caller))
        {
            var own = db.Caller.Member;
            if (own is null || !user.IsInRole(Roles.Delegate) || (code is not null && code != own))
            {
                return ProposalErrors.NotYourMember;
            }

            return own;
        }

        if (code is null)
        {
            return DomainError.Invalid("member", "Name the member whose position this is, for example FRA.");
        }

        if (!await db.Members.AnyAsync(m => m.Code == code, cancellationToken))
        {
            return new DomainError("summits.member-unknown", $"'{code}' is not a member of the coalition.", ErrorKind.Validation, "member");
        }

        return code;
    }

    /// <summary>A proposal the caller may see, with its versions, positions and breaks, tracked for change.</summary>
    public static Task<Proposal?> FindForUpdateAsync(EntenteDbContext db, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Proposals.Include(p => p.Versions).Include(p => p.Positions).Include(p => p.Breaks).AsSplitQuery()
            .FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
    }

    /// <summary>
    /// Stores a changed proposal (and the decision it produced) in one transaction. A concurrent change — another
    /// delegate, another instance's job — makes this one fail cleanly rather than overwrite or adopt twice.
    /// </summary>
    public static async Task<Result> SaveAsync(EntenteDbContext db, Decision? decision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (decision is not null)
        {
            db.Decisions.Add(decision);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return Result.Success;
        }
        catch (DbUpdateException)
        {
            // Optimistic concurrency, or the unique indexes (one decision per proposal, one break per round).
            db.ChangeTracker.Clear();
            return Concurrent;
        }
    }

    /// <summary>
    /// Loads a proposal the caller may see, applies one domain change and stores it with the decision it produced, if
    /// any; answers the proposal as it now stands.
    /// </summary>
    public static async Task<Result<ProposalDetail>> ChangeAsync(
        EntenteDbContext db, Guid id, PolicySnapshot policy, Func<Proposal, (DomainError? Error, Decision? Decision)> change,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(change);
        var proposal = await FindForUpdateAsync(db, id, cancellationToken);
        if (proposal is null)
        {
            return ProposalErrors.NotFound;
        }

        var (error, decision) = change(proposal);
        if (error is not null)
        {
            return error;
        }

        var saved = await SaveAsync(db, decision, cancellationToken);
        if (!saved.IsSuccess)
        {
            return saved.Error!;
        }

        var detail = await GetProposal.QueryAsync(db, id, policy, cancellationToken);
        return detail is null ? ProposalErrors.NotFound : detail;
    }

    public static Task<bool> ExistsAsync(EntenteDbContext db, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Proposals.AnyAsync(p => p.Id == id, cancellationToken);
    }

    /// <summary>A case-insensitive "contains" pattern for LIKE (SQLite: ASCII case folding) or ILIKE (PostgreSQL).</summary>
    public static string ContainsPattern(string text) => LikePatterns.Contains(text);

    public const string LikeEscape = LikePatterns.Escape;

    public static readonly DomainError Concurrent = new("summits.concurrent-change",
        "The proposal changed while you were acting on it; reload it and try again.", ErrorKind.Conflict);

    /// <summary>
    /// Parses an instant that states its offset (or Z). An instant without one is refused: a deadline read in the
    /// wrong time zone would end a silence procedure hours early or late.
    /// </summary>
    public static Result<DateTime> ParseInstant(string? text, string field)
    {
        var t = (text ?? "").Trim();
        if (t.Length == 0)
        {
            return DomainError.Invalid(field, "Give the deadline as an instant with its offset, for example 2026-12-01T17:00:00+01:00.");
        }

        var hasOffset = t.EndsWith('Z') || t.EndsWith('z') || OffsetSuffix().IsMatch(t);
        if (!hasOffset || !DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            return new DomainError("summits.time-zone-missing",
                $"'{Shorten(t)}' is not an instant with a time zone offset; write it like 2026-12-01T17:00:00+01:00 or 2026-12-01T16:00:00Z.",
                ErrorKind.Validation, field);
        }

        return instant.UtcDateTime;
    }

    private static string Shorten(string s) => s.Length > 40 ? s[..40] : s;

    private static readonly Regex OffsetSuffixRegex = new(@"[+-]\d{2}:?\d{2}$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private static Regex OffsetSuffix() => OffsetSuffixRegex;
}
