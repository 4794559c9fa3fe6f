using Entente.Infrastructure.Labels;
using Entente.Modules.Ledger.Domain;
using Entente.Modules.Registry.Contracts;

namespace Entente.Modules.Ledger.Features;

/// <summary>A citation as responses show it.</summary>
public sealed record CitationView(string? Url, string Publisher, DateOnly PublishedOn, string? Quote);

/// <summary>A pledge in a list. Money: <c>amount</c> in minor units of <c>currency</c>; every <c>…EurCents</c> in euro cents.</summary>
public sealed record PledgeSummary(
    Guid Id,
    string Donor,
    MeasureKind Kind,
    DateOnly AnnouncedOn,
    string Measure,
    AidCategory Category,
    AidType Type,
    string? Item,
    long? Quantity,
    long? Amount,
    string Currency,
    ValuationBasis Valuation,
    long? ValueEurCents,
    FundingChannel Channel,
    PledgeStatus Status,
    long CommittedEurCents,
    long AllocatedEurCents,
    long DeliveredEurCents,
    long? DeliveredQuantity,
    Guid? ParentId,
    bool IsPackage,
    int Version,
    LabelView Label);

/// <summary>One step of a pledge's timeline.</summary>
public sealed record TransitionView(
    int Sequence,
    PledgeStage Stage,
    DateOnly On,
    long? Amount,
    long? AmountEurCents,
    DateOnly? RateDate,
    long? Quantity,
    CitationView Source,
    string? Note,
    DateTime RecordedAt,
    string RecordedBy);

/// <summary>A pledge with its timeline and sources.</summary>
public sealed record PledgeDetail(
    PledgeSummary Pledge,
    string? Explanation,
    DateOnly? RateDate,
    decimal? UnitsPerEur,
    bool RateIsProvisional,
    long CommittedAmount,
    long AllocatedAmount,
    long DeliveredAmount,
    long? CommittedQuantity,
    long? AllocatedQuantity,
    DateOnly? CommittedOn,
    DateOnly? FirstDeliveryOn,
    DateOnly? LastDeliveryOn,
    DateOnly? CancelledOn,
    int? DeliveryDelayDays,
    IReadOnlyList<CitationView> Sources,
    IReadOnlyList<TransitionView> Transitions,
    IReadOnlyList<Guid> Tranches,
    DateTime CreatedAt,
    DateTime UpdatedAt);

/// <summary>One version of a pledge: who changed it, when, why, and the pledge as it then stood.</summary>
public sealed record PledgeVersionView(int Number, string Change, string? Reason, string By, string? ByMember, DateTime At, System.Text.Json.JsonElement Pledge);

public static class LedgerViews
{
    public static CitationView View(Citation c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new CitationView(c.Url, c.Publisher, c.PublishedOn, c.Quote);
    }

    public static PledgeSummary Summary(Pledge p, PolicySnapshot policy)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new PledgeSummary(p.Id, p.DonorCode, p.Kind, p.AnnouncedOn, p.Measure, p.Category, p.Type, p.Item, p.Quantity, p.Amount,
            p.Currency, p.Valuation, p.ValueEur, p.Channel, p.Status, p.CommittedEur, p.AllocatedEur, p.DeliveredEur, p.DeliveredQuantity,
            p.ParentId, p.IsPackage, p.Version, LabelView.From(p.Label, policy));
    }

    public static PledgeDetail Detail(Pledge p, IReadOnlyList<Guid> tranches, PolicySnapshot policy)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new PledgeDetail(
            Summary(p, policy), p.Explanation, p.RateDate, p.Rate, p.RateIsProvisional,
            p.CommittedAmount, p.AllocatedAmount, p.DeliveredAmount, p.CommittedQuantity, p.AllocatedQuantity,
            p.CommittedOn, p.FirstDeliveryOn, p.LastDeliveryOn, p.CancelledOn, p.DeliveryDelayDays,
            [.. p.Sources.OrderBy(s => s.Position).Select(s => View(s.Citation))],
            [.. p.Transitions.OrderBy(t => t.Sequence).Select(t => new TransitionView(t.Sequence, t.Stage, t.On, t.Amount, t.AmountEur,
                t.RateDate, t.Quantity, View(t.Source), t.Note, t.RecordedAt, t.RecordedBy))],
            tranches, p.CreatedAt, p.UpdatedAt);
    }
}
