using Entente.Modules.Ledger.Domain;

namespace Entente.Bench.Ledger;

/// <summary>
/// The columns the migrations create for pledges, their transitions and sources, and a pledge's values in that order
/// (CLR types; enums by name, as the model converts them). Each writer turns them into what its provider stores.
/// </summary>
public static class LedgerRows
{
    public static IReadOnlyList<string> PledgeColumns { get; } =
    [
        "id", "donor_code", "kind", "announced_on", "measure", "category", "type", "item", "quantity", "amount", "currency",
        "valuation", "value_eur", "rate_date", "rate", "rate_is_provisional", "channel", "parent_id", "is_package", "explanation",
        "status", "committed_amount", "allocated_amount", "delivered_amount", "committed_eur", "allocated_eur", "delivered_eur",
        "committed_quantity", "allocated_quantity", "delivered_quantity", "committed_on", "first_delivery_on", "last_delivery_on",
        "cancelled_on", "delivery_delay_days", "version", "created_at", "updated_at", "label_categories", "label_classification",
        "label_originator", "label_policy", "label_releasable_to", "label_sharing_group_id", "label_tlp",
    ];

    public static IReadOnlyList<string> TransitionColumns { get; } =
    [
        "id", "pledge_id", "sequence", "stage", "on", "amount", "amount_eur", "rate_date", "quantity", "note", "recorded_at",
        "recorded_by", "source_published_on", "source_publisher", "source_quote", "source_url",
    ];

    public static IReadOnlyList<string> SourceColumns { get; } =
    [
        "id", "pledge_id", "position", "citation_published_on", "citation_publisher", "citation_quote", "citation_url",
    ];

    public static object?[] Pledge(Pledge p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return
        [
            p.Id, p.DonorCode, p.Kind.ToString(), p.AnnouncedOn, p.Measure, p.Category.ToString(), p.Type.ToString(), p.Item,
            p.Quantity, p.Amount, p.Currency, p.Valuation.ToString(), p.ValueEur, p.RateDate, p.Rate, p.RateIsProvisional,
            p.Channel.ToString(), p.ParentId, p.IsPackage, p.Explanation, p.Status.ToString(), p.CommittedAmount, p.AllocatedAmount,
            p.DeliveredAmount, p.CommittedEur, p.AllocatedEur, p.DeliveredEur, p.CommittedQuantity, p.AllocatedQuantity,
            p.DeliveredQuantity, p.CommittedOn, p.FirstDeliveryOn, p.LastDeliveryOn, p.CancelledOn, p.DeliveryDelayDays, p.Version,
            p.CreatedAt, p.UpdatedAt, p.Label.Categories, p.Label.Classification, p.Label.Originator, p.Label.Policy,
            p.Label.ReleasableTo, p.Label.SharingGroupId, p.Label.Tlp.ToString(),
        ];
    }

    public static object?[] Transition(PledgeTransition t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return
        [
            t.Id, t.PledgeId, t.Sequence, t.Stage.ToString(), t.On, t.Amount, t.AmountEur, t.RateDate, t.Quantity, t.Note,
            t.RecordedAt, t.RecordedBy, t.Source.PublishedOn, t.Source.Publisher, t.Source.Quote, t.Source.Url,
        ];
    }

    public static object?[] Source(PledgeSource s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return [s.Id, s.PledgeId, s.Position, s.Citation.PublishedOn, s.Citation.Publisher, s.Citation.Quote, s.Citation.Url];
    }
}
