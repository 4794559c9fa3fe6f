using Entente.Infrastructure.Labels;

namespace Entente.Tests.Labels;

/// <summary>What a message or attachment may carry on a record: a label no wider than the record's.</summary>
public sealed class LabelRestrictivenessTests
{
    private static readonly Guid Group = Guid.Parse("7d1c1f3e-2a55-4c61-9a59-0a1d5a1e0001");

    private static Label L(int classification, string[]? rel = null, string? originator = "FRA", Guid? group = null, TlpMarking? tlp = null) =>
        Label.Create(classification, rel, originator, group, tlp);

    [Fact]
    public void A_higher_or_equal_classification_is_at_least_as_restrictive_and_a_lower_one_is_not()
    {
        Assert.True(L(ClassificationLevels.Confidential).IsAtLeastAsRestrictiveAs(L(ClassificationLevels.Restricted)));
        Assert.True(L(ClassificationLevels.Restricted).IsAtLeastAsRestrictiveAs(L(ClassificationLevels.Restricted)));
        Assert.False(L(ClassificationLevels.Restricted).IsAtLeastAsRestrictiveAs(L(ClassificationLevels.Confidential)));
    }

    [Fact]
    public void A_looser_tlp_marking_is_wider_even_at_the_same_classification()
    {
        var parent = L(ClassificationLevels.Restricted, tlp: TlpMarking.AmberStrict);

        Assert.False(L(ClassificationLevels.Restricted, tlp: TlpMarking.Amber).IsAtLeastAsRestrictiveAs(parent));
        Assert.True(L(ClassificationLevels.Restricted, tlp: TlpMarking.Red).IsAtLeastAsRestrictiveAs(parent));
    }

    [Fact]
    public void Releasability_must_name_a_subset_of_the_parents_members()
    {
        var parent = L(ClassificationLevels.Restricted, ["FRA", "GBR"]);

        Assert.True(L(ClassificationLevels.Restricted, ["FRA"]).IsAtLeastAsRestrictiveAs(parent));
        Assert.True(L(ClassificationLevels.Restricted, ["GBR", "FRA"]).IsAtLeastAsRestrictiveAs(parent));
        Assert.False(L(ClassificationLevels.Restricted, ["FRA", "POL"]).IsAtLeastAsRestrictiveAs(parent));
        Assert.False(L(ClassificationLevels.Restricted).IsAtLeastAsRestrictiveAs(parent));
    }

    [Fact]
    public void A_parent_releasable_to_every_member_accepts_any_releasability()
    {
        var parent = L(ClassificationLevels.Restricted);

        Assert.True(L(ClassificationLevels.Restricted).IsAtLeastAsRestrictiveAs(parent));
        Assert.True(L(ClassificationLevels.Restricted, ["POL"], originator: "POL").IsAtLeastAsRestrictiveAs(parent));
    }

    [Fact]
    public void A_parent_in_a_sharing_group_requires_the_same_group()
    {
        var parent = L(ClassificationLevels.Restricted, group: Group);

        Assert.True(L(ClassificationLevels.Restricted, group: Group).IsAtLeastAsRestrictiveAs(parent));
        Assert.False(L(ClassificationLevels.Restricted).IsAtLeastAsRestrictiveAs(parent));
        Assert.False(L(ClassificationLevels.Restricted, group: Guid.NewGuid()).IsAtLeastAsRestrictiveAs(parent));
        Assert.True(L(ClassificationLevels.Restricted, group: Group).IsAtLeastAsRestrictiveAs(L(ClassificationLevels.Restricted)));
    }

    [Fact]
    public void An_originator_outside_the_parents_readers_would_widen_it()
    {
        var parent = L(ClassificationLevels.Restricted, ["FRA", "GBR"], originator: "FRA");

        // The originator always reads its own record, so a POL-originated message would reach Poland.
        Assert.False(L(ClassificationLevels.Restricted, ["GBR"], originator: "POL").IsAtLeastAsRestrictiveAs(parent));
        Assert.True(L(ClassificationLevels.Restricted, ["GBR"], originator: "GBR").IsAtLeastAsRestrictiveAs(parent));
        Assert.True(L(ClassificationLevels.Restricted, ["GBR"], originator: "FRA").IsAtLeastAsRestrictiveAs(parent));
        Assert.True(L(ClassificationLevels.Restricted, ["GBR"], originator: null).IsAtLeastAsRestrictiveAs(parent));
    }

    [Fact]
    public void A_label_of_another_policy_is_never_comparable()
    {
        var other = Label.Create(ClassificationLevels.Secret, policy: "OTHER");

        Assert.False(other.IsAtLeastAsRestrictiveAs(L(ClassificationLevels.Public)));
    }
}
