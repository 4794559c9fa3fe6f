using Entente.Infrastructure.Labels;

namespace Entente.Modules.Summits.Domain;

/// <summary>
/// An adopted decision, as the register keeps it: the adopted version's text, the procedure, the instant (UTC) of
/// adoption, the members' statements and the proposal's label. Written once when the proposal is adopted and never
/// changed; one decision per proposal (a unique index), so a procedure's outcome is recorded once.
/// </summary>
public sealed class Decision : ILabelled
{
    private readonly List<DecisionStatement> _statements = [];

    private Decision()
    {
    }

    public Guid Id { get; private set; }

    public Guid ProposalId { get; private set; }

    public string Title { get; private set; } = "";

    public string Text { get; private set; } = "";

    public int VersionNumber { get; private set; }

    public DecisionProcedure Procedure { get; private set; }

    /// <summary>UTC; for a silence procedure, its deadline.</summary>
    public DateTime AdoptedAt { get; private set; }

    public string RecordedBy { get; private set; } = "";

    public Guid? MeetingId { get; private set; }

    public Label Label { get; private set; } = Label.Public;

    public IReadOnlyList<DecisionStatement> Statements => _statements;

    internal static Decision Record(Proposal proposal, IReadOnlyList<ProposalPosition> positions, ProposalActor actor, DateTime at)
    {
        var decision = new Decision
        {
            Id = Guid.CreateVersion7(at),
            ProposalId = proposal.Id,
            Title = proposal.Title,
            Text = proposal.Text,
            VersionNumber = proposal.CurrentVersion,
            Procedure = proposal.Procedure ?? DecisionProcedure.Consensus,
            AdoptedAt = at,
            RecordedBy = actor.Name,
            MeetingId = proposal.MeetingId,
            Label = proposal.Label,
        };
        foreach (var p in positions)
        {
            decision._statements.Add(new DecisionStatement(decision.Id, p.Member, p.Stance, p.Statement));
        }

        return decision;
    }
}

/// <summary>A member's position and statement as the decision records it.</summary>
public sealed class DecisionStatement
{
    private DecisionStatement()
    {
    }

    internal DecisionStatement(Guid decisionId, string member, Stance stance, string? statement)
    {
        Id = Guid.NewGuid();
        DecisionId = decisionId;
        Member = member;
        Stance = stance;
        Statement = statement;
    }

    public Guid Id { get; private set; }

    public Guid DecisionId { get; private set; }

    public string Member { get; private set; } = "";

    public Stance Stance { get; private set; }

    public string? Statement { get; private set; }
}

/// <summary>
/// The public communiqué of a decision: always PUBLIC and TLP:CLEAR (that is what releasing means), so anonymous
/// readers see it through the label filter while the decision itself keeps its own label. One per decision.
/// </summary>
public sealed class Communique : ILabelled
{
    public const int MaxTextLength = 20_000;

    private Communique()
    {
    }

    public Guid Id { get; private set; }

    public Guid DecisionId { get; private set; }

    public string Title { get; private set; } = "";

    public string Text { get; private set; } = "";

    /// <summary>UTC.</summary>
    public DateTime ReleasedAt { get; private set; }

    public string ReleasedBy { get; private set; } = "";

    public Label Label { get; private set; } = Label.Public;

    public static Communique Release(Decision decision, string title, string text, string by, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return new Communique
        {
            Id = Guid.CreateVersion7(now),
            DecisionId = decision.Id,
            Title = title,
            Text = text,
            ReleasedAt = now,
            ReleasedBy = by,
            Label = Label.Public,
        };
    }
}
