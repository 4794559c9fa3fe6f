namespace Entente.Modules.Summits.Domain;

/// <summary>Where a proposal stands. Adopted and withdrawn are final: nothing changes a proposal after either.</summary>
public enum ProposalStatus
{
    /// <summary>Being drafted; it may be amended and put to a procedure.</summary>
    Draft,

    /// <summary>Put to a consensus or silence procedure that has not concluded.</summary>
    InConsultation,

    /// <summary>Adopted; the decisions register holds the adopted text.</summary>
    Adopted,

    /// <summary>Silence was broken (or the chair returned it): to be revised and put to a procedure again.</summary>
    ReturnedForRevision,

    /// <summary>Withdrawn by the Secretariat; no procedure may run on it any more.</summary>
    Withdrawn,
}

/// <summary>How the coalition decides a proposal.</summary>
public enum DecisionProcedure
{
    /// <summary>In a meeting: adopted when no member opposes and the quorum of positions on the current text is met.</summary>
    Consensus,

    /// <summary>In writing: adopted when the deadline passes and no member has broken silence.</summary>
    Silence,
}

/// <summary>A member's position on a draft, in the vocabulary of consensus procedures.</summary>
public enum Stance
{
    Support,
    SupportWithStatement,
    Abstain,
    Reservation,
    Oppose,
}
