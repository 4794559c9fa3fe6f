using Entente.Modules.Registry.Contracts;

namespace Entente.Infrastructure.Labels;

/// <summary>A record's label as API responses show it (STANAG 4774: policy, classification, categories, releasability).</summary>
/// <param name="Policy">Security policy identifier, for example <c>ENTENTE</c>.</param>
/// <param name="Classification">Classification code, for example <c>CONFIDENTIAL</c>.</param>
/// <param name="Rank">The classification's rank in the policy, 0 the least restrictive.</param>
/// <param name="ReleasableTo">Member codes the record is releasable to; empty means every member.</param>
/// <param name="SharingGroupId">The sharing group that restricts the record further, if any.</param>
/// <param name="Originator">Member code of the originator.</param>
/// <param name="Tlp">TLP 2.0 marking for what leaves the platform.</param>
/// <param name="Categories">Category codes of the policy.</param>
/// <param name="Marking">The banner line, for example <c>CONFIDENTIAL · REL TO FRA, GBR · TLP:AMBER</c>.</param>
public sealed record LabelView(
    string Policy,
    string Classification,
    int Rank,
    IReadOnlyList<string> ReleasableTo,
    Guid? SharingGroupId,
    string? Originator,
    TlpMarking Tlp,
    IReadOnlyList<string> Categories,
    string Marking)
{
    public static LabelView From(Label label, PolicySnapshot policy)
    {
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(policy);
        return new LabelView(
            label.Policy,
            policy.CodeOf(label.Classification),
            label.Classification,
            label.ReleasableToCodes,
            label.SharingGroupId,
            label.Originator,
            label.Tlp,
            label.CategoryCodes,
            policy.Describe(label));
    }

    /// <summary>The label this view describes, for components that render a <see cref="Label"/>.</summary>
    public Label ToLabel() =>
        Label.Create(Rank, ReleasableTo, Originator, SharingGroupId, Tlp, Categories, Policy);
}
