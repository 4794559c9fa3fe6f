namespace Entente.Modules.Registry.Domain;

/// <summary>
/// A member's standing from <see cref="From"/> to <see cref="To"/> (both inclusive; open-ended when null). A period
/// carries no label of its own: it is read only through its labelled <see cref="Member"/> (the context offers no set of
/// periods to query on their own) and is audited under the member's label.
/// </summary>
public sealed class MemberStatusPeriod
{
    public const int MaxNoteLength = 500;

    private MemberStatusPeriod()
    {
    }

    internal MemberStatusPeriod(string memberCode, CoalitionStatus status, DateOnly from, string? note, DateTime now)
    {
        Id = Guid.CreateVersion7(now);
        MemberCode = memberCode;
        Status = status;
        From = from;
        Note = note;
        RecordedAt = now;
    }

    public Guid Id { get; private set; }

    public string MemberCode { get; private set; } = "";

    public CoalitionStatus Status { get; private set; }

    public DateOnly From { get; private set; }

    public DateOnly? To { get; private set; }

    public string? Note { get; private set; }

    /// <summary>UTC.</summary>
    public DateTime RecordedAt { get; private set; }

    internal void Close(DateOnly to) => To = to;

    internal void Reopen() => To = null;
}
