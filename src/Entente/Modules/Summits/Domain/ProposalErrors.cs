using System.Globalization;
using Entente.Infrastructure.Problems;

namespace Entente.Modules.Summits.Domain;

/// <summary>The named errors of proposals and decision procedures; each code is a stable problem <c>type</c>.</summary>
public static class ProposalErrors
{
    public static readonly DomainError NotFound = DomainError.NotFound("The proposal");

    public static readonly DomainError DecisionNotFound = DomainError.NotFound("The decision");

    public static readonly DomainError Withdrawn = new("summits.proposal-withdrawn",
        "The proposal was withdrawn: no procedure, position or decision can be recorded on it.", ErrorKind.RuleViolation);

    public static readonly DomainError AlreadyAdopted = new("summits.proposal-adopted",
        "The proposal has been adopted; its outcome does not change. Draft a new proposal to revisit it.", ErrorKind.Conflict);

    public static readonly DomainError ProcedureRunning = new("summits.procedure-running",
        "A procedure is already running on this proposal; wait for its outcome or withdraw the proposal.", ErrorKind.Conflict);

    public static readonly DomainError NoProcedureRunning = new("summits.no-procedure",
        "No procedure is running on this proposal: positions are recorded only while one is.", ErrorKind.RuleViolation);

    public static readonly DomainError NoSilenceRunning = new("summits.no-silence-procedure",
        "No silence procedure is running on this proposal.", ErrorKind.RuleViolation);

    public static readonly DomainError SilenceAlreadyBroken = new("summits.silence-already-broken",
        "Silence has already been broken on this proposal; the draft is back with the Secretariat for revision.", ErrorKind.Conflict);

    public static readonly DomainError SilenceTextFixed = new("summits.silence-text-fixed",
        "The text cannot be amended while it is under silence; break silence or wait for the outcome.", ErrorKind.RuleViolation);

    public static readonly DomainError OpposeUnderSilence = new("summits.oppose-under-silence",
        "Under a silence procedure a member that objects breaks silence, with its reason.", ErrorKind.RuleViolation, "stance");

    public static readonly DomainError NotConsensus = new("summits.not-consensus",
        "This proposal is under a silence procedure, which concludes at its deadline.", ErrorKind.RuleViolation);

    public static readonly DomainError NotYourMember = new("summits.not-your-member",
        "A delegate answers for its own member only.", ErrorKind.Forbidden, "member");

    public static readonly DomainError CommuniqueReleased = new("summits.communique-released",
        "The communiqué of this decision has already been released.", ErrorKind.Conflict);

    public static DomainError DeadlinePassed(DateTime deadline) => new("summits.deadline-passed",
        $"The silence procedure ended at {deadline.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}; nothing more can be recorded on it.",
        ErrorKind.RuleViolation);

    public static DomainError Opposed(IReadOnlyList<string> members) => new("summits.consensus-opposed",
        $"No consensus: {string.Join(", ", members)} opposes. The round stays open for positions to change.", ErrorKind.RuleViolation);

    public static DomainError QuorumNotMet(int answered, int quorum, int version) => new("summits.quorum-not-met",
        $"The quorum is not met: {answered} of the {quorum} members needed have answered version {version}.", ErrorKind.RuleViolation);
}
