namespace Entente.Modules.Ledger.Domain;

/// <summary>
/// One dated, sourced step of a pledge: its announcement, a commitment, an allocation, a delivered tranche or its
/// cancellation. Transitions are never edited or removed; a correction is a new version of the pledge.
/// </summary>
public sealed class PledgeTransition
{
    public const int MaxNoteLength = 2000;

    private PledgeTransition()
    {
    }

    internal PledgeTransition(Guid pledgeId, int sequence, PledgeStage stage, DateOnly on, long? amount, long? amountEur,
        DateOnly? rateDate, long? quantity, Citation source, string? note, DateTime recordedAt, string recordedBy)
    {
        Id = Guid.CreateVersion7();
        PledgeId = pledgeId;
        Sequence = sequence;
        Stage = stage;
        On = on;
        Amount = amount;
        AmountEur = amountEur;
        RateDate = rateDate;
        Quantity = quantity;
        Source = source;
        Note = note;
        RecordedAt = recordedAt;
        RecordedBy = recordedBy;
    }

    public Guid Id { get; private set; }

    public Guid PledgeId { get; private set; }

    /// <summary>1 for the announcement, then in the order recorded.</summary>
    public int Sequence { get; private set; }

    public PledgeStage Stage { get; private set; }

    public DateOnly On { get; private set; }

    /// <summary>Minor units of the pledge's currency; null for pledges of undisclosed value and for cancellations.</summary>
    public long? Amount { get; private set; }

    /// <summary>Euro cents at the ECB rate of <see cref="RateDate"/>.</summary>
    public long? AmountEur { get; private set; }

    /// <summary>The ECB business day whose rate valued <see cref="Amount"/>.</summary>
    public DateOnly? RateDate { get; private set; }

    public long? Quantity { get; private set; }

    public Citation Source { get; private set; } = new();

    public string? Note { get; private set; }

    /// <summary>UTC.</summary>
    public DateTime RecordedAt { get; private set; }

    public string RecordedBy { get; private set; } = "";

    /// <summary>Values the amount again (a newer ECB rate replaced a provisional one).</summary>
    internal void Revalue(long? amountEur, DateOnly? rateDate)
    {
        AmountEur = amountEur;
        RateDate = rateDate;
    }
}
