namespace Entente.Modules.Ledger.Domain;

/// <summary>
/// A pledge as it stood after one change: who made it, when, why, and the whole pledge as JSON. The first version
/// is the announcement; every revision and transition adds one. Versions are only ever appended.
/// </summary>
public sealed class PledgeVersion
{
    public const int MaxReasonLength = 1000;

    private PledgeVersion()
    {
    }

    internal PledgeVersion(Guid pledgeId, int number, string change, string? reason, string by, string? byMember, DateTime at, string snapshot)
    {
        Id = Guid.CreateVersion7();
        PledgeId = pledgeId;
        Number = number;
        Change = change;
        Reason = reason;
        By = by;
        ByMember = byMember;
        At = at;
        Snapshot = snapshot;
    }

    public Guid Id { get; private set; }

    public Guid PledgeId { get; private set; }

    public int Number { get; private set; }

    /// <summary>What happened: <c>announced</c>, <c>revised</c>, <c>committed</c>, <c>allocated</c>, <c>delivered</c>, <c>cancelled</c>.</summary>
    public string Change { get; private set; } = "";

    public string? Reason { get; private set; }

    /// <summary>User name of the editor, or the system actor.</summary>
    public string By { get; private set; } = "";

    public string? ByMember { get; private set; }

    /// <summary>UTC.</summary>
    public DateTime At { get; private set; }

    /// <summary>The pledge after the change, as JSON (<see cref="Pledge.Snapshot"/>).</summary>
    public string Snapshot { get; private set; } = "";
}
