using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;

namespace Entente.Modules.Summits.Domain;

/// <summary>Who acts on a proposal: the user's name and the member the user belongs to.</summary>
public readonly record struct ProposalActor(string Name, string? Member);

/// <summary>
/// A draft the coalition decides, with every version of its text and the procedure that decides it.
/// Invariants: the current text is the text of version <see cref="CurrentVersion"/>; a procedure runs only from
/// <see cref="ProposalStatus.Draft"/> or <see cref="ProposalStatus.ReturnedForRevision"/>; a silence procedure's
/// text is fixed while it runs; once adopted or withdrawn nothing changes (the outcome is recorded once).
/// Each opening of a procedure starts a new <see cref="Round"/>, so positions and breaks of an earlier round never
/// count towards a later one.
/// </summary>
public sealed class Proposal : ILabelled
{
    public const int MaxTitleLength = 300;
    public const int MaxTextLength = 40_000;
    public const int MaxReasonLength = 2_000;
    public const int MaxStatementLength = 4_000;

    /// <summary>The longest a silence procedure may run; a longer deadline is almost certainly a typing error.</summary>
    public static readonly TimeSpan MaxSilencePeriod = TimeSpan.FromDays(90);

    private readonly List<ProposalVersion> _versions = [];
    private readonly List<ProposalPosition> _positions = [];
    private readonly List<SilenceBreak> _breaks = [];

    private Proposal()
    {
    }

    public Guid Id { get; private set; }

    public string Title { get; private set; } = "";

    /// <summary>The text of the current version.</summary>
    public string Text { get; private set; } = "";

    public int CurrentVersion { get; private set; }

    public ProposalStatus Status { get; private set; }

    /// <summary>The procedure of the current (or last) round; null until one is opened.</summary>
    public DecisionProcedure? Procedure { get; private set; }

    /// <summary>Increments each time a procedure is opened; 0 before the first.</summary>
    public int Round { get; private set; }

    /// <summary>Consensus: the number of members whose positions on the current version are needed.</summary>
    public int QuorumCount { get; private set; }

    /// <summary>Consensus: the share of members (percent) the quorum was computed from, when given as a share.</summary>
    public int? QuorumPercent { get; private set; }

    /// <summary>Silence: the instant (UTC) the procedure ends.</summary>
    public DateTime? SilenceDeadline { get; private set; }

    /// <summary>UTC: when the current round opened.</summary>
    public DateTime? ProcedureOpenedAt { get; private set; }

    /// <summary>UTC: when the proposal was adopted, returned or withdrawn.</summary>
    public DateTime? ConcludedAt { get; private set; }

    /// <summary>Why it was returned or withdrawn.</summary>
    public string? OutcomeNote { get; private set; }

    /// <summary>The meeting that discusses it, when there is one (a reference only).</summary>
    public Guid? MeetingId { get; private set; }

    public Label Label { get; private set; } = Label.Public;

    public string CreatedBy { get; private set; } = "";

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; private set; }

    /// <summary>UTC.</summary>
    public DateTime UpdatedAt { get; private set; }

    /// <summary>Optimistic concurrency token: two instances concluding the same procedure cannot both succeed.</summary>
    public int Revision { get; private set; }

    public IReadOnlyList<ProposalVersion> Versions => _versions;

    public IReadOnlyList<ProposalPosition> Positions => _positions;

    public IReadOnlyList<SilenceBreak> Breaks => _breaks;

    public static Result<Proposal> Draft(string title, string text, Guid? meetingId, Label label, ProposalActor actor, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(label);
        var checkedTitle = CheckTitle(title);
        if (!checkedTitle.IsSuccess)
        {
            return checkedTitle.Error!;
        }

        var checkedText = CheckText(text);
        if (!checkedText.IsSuccess)
        {
            return checkedText.Error!;
        }

        var proposal = new Proposal
        {
            Id = Guid.CreateVersion7(now),
            Title = checkedTitle.Value!,
            Text = checkedText.Value!,
            Status = ProposalStatus.Draft,
            MeetingId = meetingId,
            Label = label,
            CreatedBy = actor.Name,
            CreatedAt = now,
            UpdatedAt = now,
            CurrentVersion = 1,
        };
        proposal._versions.Add(new ProposalVersion(proposal.Id, 1, proposal.Title, proposal.Text, "First draft.", actor, now));
        return proposal;
    }

    /// <summary>
    /// A new version of the text. Allowed while drafting, when returned, and during a consensus round (positions on the
    /// earlier version then no longer count towards adoption); refused while a silence procedure runs, since members
    /// keep silence on one fixed text.
    /// </summary>
    public Result<ProposalVersion> Amend(string? title, string text, string reason, ProposalActor actor, DateTime now)
    {
        var final = RefuseWhenFinal();
        if (!final.IsSuccess)
        {
            return final.Error!;
        }

        if (Status == ProposalStatus.InConsultation && Procedure == DecisionProcedure.Silence)
        {
            return ProposalErrors.SilenceTextFixed;
        }

        var checkedTitle = CheckTitle(string.IsNullOrWhiteSpace(title) ? Title : title);
        if (!checkedTitle.IsSuccess)
        {
            return checkedTitle.Error!;
        }

        var checkedText = CheckText(text);
        if (!checkedText.IsSuccess)
        {
            return checkedText.Error!;
        }

        var why = (reason ?? "").Trim();
        if (why.Length == 0 || why.Length > MaxReasonLength)
        {
            return DomainError.Invalid("reason", $"Say why the text is amended (at most {MaxReasonLength} characters).");
        }

        if (checkedText.Value == Text && checkedTitle.Value == Title)
        {
            return new DomainError("summits.amendment-unchanged", "The amendment changes neither the title nor the text.", ErrorKind.Validation, "text");
        }

        CurrentVersion++;
        Title = checkedTitle.Value!;
        Text = checkedText.Value!;
        UpdatedAt = now;
        Revision++;
        var version = new ProposalVersion(Id, CurrentVersion, Title, Text, why, actor, now);
        _versions.Add(version);
        return version;
    }

    /// <summary>Opens a consensus round; <paramref name="quorumCount"/> members must answer the current version.</summary>
    public Result OpenConsensus(int quorumCount, int? quorumPercent, int memberCount, DateTime now)
    {
        var ready = RefuseUnlessReadyForProcedure();
        if (!ready.IsSuccess)
        {
            return ready;
        }

        if (quorumCount < 1 || quorumCount > Math.Max(1, memberCount))
        {
            return DomainError.Invalid("quorum", $"The quorum must be between 1 and the {memberCount} members of the coalition.");
        }

        StartRound(DecisionProcedure.Consensus, now);
        QuorumCount = quorumCount;
        QuorumPercent = quorumPercent;
        SilenceDeadline = null;
        return Result.Success;
    }

    /// <summary>Circulates the current version under silence until <paramref name="deadline"/> (UTC).</summary>
    public Result OpenSilence(DateTime deadline, DateTime now)
    {
        var ready = RefuseUnlessReadyForProcedure();
        if (!ready.IsSuccess)
        {
            return ready;
        }

        if (deadline.Kind != DateTimeKind.Utc)
        {
            return DomainError.Invalid("deadline", "Give the deadline as an instant with its offset, for example 2026-12-01T17:00:00+01:00.");
        }

        if (deadline <= now)
        {
            return DomainError.Invalid("deadline", "The deadline of a silence procedure must be in the future.");
        }

        if (deadline - now > MaxSilencePeriod)
        {
            return DomainError.Invalid("deadline", $"A silence procedure runs at most {MaxSilencePeriod.TotalDays:0} days.");
        }

        StartRound(DecisionProcedure.Silence, now);
        QuorumCount = 0;
        QuorumPercent = null;
        SilenceDeadline = deadline;
        return Result.Success;
    }

    /// <summary>
    /// Records a member's position against the current version. A later position of the same member in the same round
    /// supersedes the earlier one (both are kept). In a silence procedure a member who objects breaks silence instead.
    /// </summary>
    public Result<ProposalPosition> RecordPosition(string member, Stance stance, string? statement, ProposalActor actor, DateTime now)
    {
        var open = RefuseUnlessOpen(now);
        if (!open.IsSuccess)
        {
            return open.Error!;
        }

        if (Procedure == DecisionProcedure.Silence && stance == Stance.Oppose)
        {
            return ProposalErrors.OpposeUnderSilence;
        }

        var text = string.IsNullOrWhiteSpace(statement) ? null : statement.Trim();
        if (text is { Length: > MaxStatementLength })
        {
            return DomainError.Invalid("statement", $"A statement has at most {MaxStatementLength} characters.");
        }

        if (text is null && stance is Stance.SupportWithStatement or Stance.Reservation)
        {
            return DomainError.Invalid("statement", "Support with a statement and a reservation need the statement's text.");
        }

        var position = new ProposalPosition(Id, Round, member, stance, text, CurrentVersion, actor, now);
        _positions.Add(position);
        UpdatedAt = now;
        Revision++;
        return position;
    }

    /// <summary>
    /// A member breaks silence: the procedure stops and the draft returns for revision. Only one break per round;
    /// a second is refused even from another member, since the procedure has already stopped.
    /// </summary>
    public Result<SilenceBreak> BreakSilence(string member, string reason, ProposalActor actor, DateTime now)
    {
        if (Status == ProposalStatus.Withdrawn)
        {
            return ProposalErrors.Withdrawn;
        }

        if (Procedure == DecisionProcedure.Silence && _breaks.Any(b => b.Round == Round))
        {
            return ProposalErrors.SilenceAlreadyBroken;
        }

        if (Status != ProposalStatus.InConsultation || Procedure != DecisionProcedure.Silence)
        {
            return ProposalErrors.NoSilenceRunning;
        }

        if (now >= SilenceDeadline)
        {
            return ProposalErrors.DeadlinePassed(SilenceDeadline!.Value);
        }

        var why = (reason ?? "").Trim();
        if (why.Length == 0 || why.Length > MaxReasonLength)
        {
            return DomainError.Invalid("reason", $"Give the reason for breaking silence (at most {MaxReasonLength} characters).");
        }

        var broken = new SilenceBreak(Id, Round, member, why, CurrentVersion, actor, now);
        _breaks.Add(broken);
        Status = ProposalStatus.ReturnedForRevision;
        ConcludedAt = now;
        OutcomeNote = $"Silence broken by {member}: {why}";
        UpdatedAt = now;
        Revision++;
        return broken;
    }

    /// <summary>The members' latest positions in the current round, one per member.</summary>
    public IReadOnlyList<ProposalPosition> LatestPositions() =>
        _positions.Where(p => p.Round == Round).GroupBy(p => p.Member)
            .Select(g => g.OrderBy(p => p.At).ThenBy(p => p.Id).Last()).OrderBy(p => p.Member, StringComparer.Ordinal).ToList();

    /// <summary>
    /// Concludes a consensus round. Adopted when no member's latest position is to oppose (an opposition on an earlier
    /// version still blocks until that member answers again) and at least <see cref="QuorumCount"/> members have
    /// answered the current version. Otherwise the round stays open and the error says what is missing.
    /// </summary>
    public Result<Decision> ConcludeConsensus(ProposalActor actor, DateTime now)
    {
        var open = RefuseUnlessOpen(now);
        if (!open.IsSuccess)
        {
            return open.Error!;
        }

        if (Procedure != DecisionProcedure.Consensus)
        {
            return ProposalErrors.NotConsensus;
        }

        var latest = LatestPositions();
        var opposing = latest.Where(p => p.Stance == Stance.Oppose).Select(p => p.Member).ToList();
        if (opposing.Count > 0)
        {
            return ProposalErrors.Opposed(opposing);
        }

        var current = latest.Count(p => p.VersionNumber == CurrentVersion);
        if (current < QuorumCount)
        {
            return ProposalErrors.QuorumNotMet(current, QuorumCount, CurrentVersion);
        }

        return Adopt(latest.Where(p => p.VersionNumber == CurrentVersion).ToList(), actor, now);
    }

    /// <summary>
    /// Concludes a silence procedure whose deadline has passed unbroken. Answers null when there is nothing to do —
    /// no silence running, deadline not reached, or already concluded — so running it twice adopts once.
    /// </summary>
    public Decision? ConcludeSilenceIfDue(DateTime now)
    {
        if (Status != ProposalStatus.InConsultation || Procedure != DecisionProcedure.Silence || SilenceDeadline is not { } deadline
            || now < deadline || _breaks.Any(b => b.Round == Round))
        {
            return null;
        }

        var statements = LatestPositions().Where(p => p.VersionNumber == CurrentVersion).ToList();
        return Adopt(statements, new ProposalActor("system:silence-procedure", null), deadline);
    }

    public Result Withdraw(string reason, DateTime now)
    {
        if (Status == ProposalStatus.Withdrawn)
        {
            return ProposalErrors.Withdrawn;
        }

        if (Status == ProposalStatus.Adopted)
        {
            return ProposalErrors.AlreadyAdopted;
        }

        var why = (reason ?? "").Trim();
        if (why.Length == 0 || why.Length > MaxReasonLength)
        {
            return DomainError.Invalid("reason", $"Say why the proposal is withdrawn (at most {MaxReasonLength} characters).");
        }

        Status = ProposalStatus.Withdrawn;
        OutcomeNote = why;
        ConcludedAt = now;
        UpdatedAt = now;
        Revision++;
        return Result.Success;
    }

    private Decision Adopt(IReadOnlyList<ProposalPosition> positions, ProposalActor actor, DateTime at)
    {
        Status = ProposalStatus.Adopted;
        ConcludedAt = at;
        UpdatedAt = at;
        Revision++;
        return Decision.Record(this, positions, actor, at);
    }

    private void StartRound(DecisionProcedure procedure, DateTime now)
    {
        Round++;
        Procedure = procedure;
        Status = ProposalStatus.InConsultation;
        ProcedureOpenedAt = now;
        ConcludedAt = null;
        OutcomeNote = null;
        UpdatedAt = now;
        Revision++;
    }

    private Result RefuseWhenFinal() => Status switch
    {
        ProposalStatus.Withdrawn => ProposalErrors.Withdrawn,
        ProposalStatus.Adopted => ProposalErrors.AlreadyAdopted,
        ProposalStatus.Draft or ProposalStatus.InConsultation or ProposalStatus.ReturnedForRevision => Result.Success,
    };

    private Result RefuseUnlessReadyForProcedure()
    {
        var final = RefuseWhenFinal();
        if (!final.IsSuccess)
        {
            return final;
        }

        return Status == ProposalStatus.InConsultation ? ProposalErrors.ProcedureRunning : Result.Success;
    }

    private Result RefuseUnlessOpen(DateTime now)
    {
        var final = RefuseWhenFinal();
        if (!final.IsSuccess)
        {
            return final;
        }

        if (Status != ProposalStatus.InConsultation)
        {
            return ProposalErrors.NoProcedureRunning;
        }

        if (Procedure == DecisionProcedure.Silence && now >= SilenceDeadline)
        {
            return ProposalErrors.DeadlinePassed(SilenceDeadline!.Value);
        }

        return Result.Success;
    }

    private static Result<string> CheckTitle(string? title)
    {
        var t = (title ?? "").Trim();
        return t.Length is 0 or > MaxTitleLength
            ? DomainError.Invalid("title", $"Give the proposal a title (at most {MaxTitleLength} characters).")
            : t;
    }

    private static Result<string> CheckText(string? text)
    {
        // Line endings are normalised so that a diff shows wording changes, not the editor's line endings.
        var t = (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        return t.Length is 0 or > MaxTextLength
            ? DomainError.Invalid("text", $"Give the draft text (at most {MaxTextLength} characters).")
            : t;
    }
}

/// <summary>One version of a proposal's text: who made it, when (UTC) and why. Never changed once written.</summary>
public sealed class ProposalVersion
{
    private ProposalVersion()
    {
    }

    internal ProposalVersion(Guid proposalId, int number, string title, string text, string reason, ProposalActor actor, DateTime at)
    {
        Id = Guid.CreateVersion7(at);
        ProposalId = proposalId;
        Number = number;
        Title = title;
        Text = text;
        Reason = reason;
        By = actor.Name;
        ByMember = actor.Member;
        At = at;
    }

    public Guid Id { get; private set; }

    public Guid ProposalId { get; private set; }

    public int Number { get; private set; }

    public string Title { get; private set; } = "";

    public string Text { get; private set; } = "";

    public string Reason { get; private set; } = "";

    public string By { get; private set; } = "";

    public string? ByMember { get; private set; }

    /// <summary>UTC.</summary>
    public DateTime At { get; private set; }
}

/// <summary>A member's position in one round, against the version it answered.</summary>
public sealed class ProposalPosition
{
    private ProposalPosition()
    {
    }

    internal ProposalPosition(Guid proposalId, int round, string member, Stance stance, string? statement, int versionNumber, ProposalActor actor, DateTime at)
    {
        Id = Guid.CreateVersion7(at);
        ProposalId = proposalId;
        Round = round;
        Member = member;
        Stance = stance;
        Statement = statement;
        VersionNumber = versionNumber;
        By = actor.Name;
        At = at;
    }

    public Guid Id { get; private set; }

    public Guid ProposalId { get; private set; }

    public int Round { get; private set; }

    public string Member { get; private set; } = "";

    public Stance Stance { get; private set; }

    public string? Statement { get; private set; }

    /// <summary>The version of the text this position answered.</summary>
    public int VersionNumber { get; private set; }

    public string By { get; private set; } = "";

    /// <summary>UTC.</summary>
    public DateTime At { get; private set; }
}

/// <summary>A member's break of silence, with its reason; at most one per round.</summary>
public sealed class SilenceBreak
{
    private SilenceBreak()
    {
    }

    internal SilenceBreak(Guid proposalId, int round, string member, string reason, int versionNumber, ProposalActor actor, DateTime at)
    {
        Id = Guid.CreateVersion7(at);
        ProposalId = proposalId;
        Round = round;
        Member = member;
        Reason = reason;
        VersionNumber = versionNumber;
        By = actor.Name;
        At = at;
    }

    public Guid Id { get; private set; }

    public Guid ProposalId { get; private set; }

    public int Round { get; private set; }

    public string Member { get; private set; } = "";

    public string Reason { get; private set; } = "";

    public int VersionNumber { get; private set; }

    public string By { get; private set; } = "";

    /// <summary>UTC.</summary>
    public DateTime At { get; private set; }
}
