namespace Entente.Modules.Ledger.Domain;

/// <summary>A citation supporting a pledge as a whole (transitions carry their own).</summary>
public sealed class PledgeSource
{
    private PledgeSource()
    {
    }

    internal PledgeSource(Guid pledgeId, int position, Citation citation)
    {
        Id = Guid.CreateVersion7();
        PledgeId = pledgeId;
        Position = position;
        Citation = citation;
    }

    public Guid Id { get; private set; }

    public Guid PledgeId { get; private set; }

    /// <summary>Order in which the sources are listed, from 1.</summary>
    public int Position { get; private set; }

    public Citation Citation { get; private set; } = new();
}
