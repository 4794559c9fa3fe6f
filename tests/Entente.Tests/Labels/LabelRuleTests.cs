using Entente.Infrastructure.Labels;

namespace Entente.Tests.Labels;

public class LabelRuleTests
{
    private static readonly Guid Group = Guid.CreateVersion7();

    [Fact]
    public void Anonymous_callers_read_public_records_released_to_everyone_only()
    {
        Assert.True(AccessScope.Anonymous.CanRead(Label.Public));
        Assert.False(AccessScope.Anonymous.CanRead(Label.Create(ClassificationLevels.Restricted)));
        Assert.False(AccessScope.Anonymous.CanRead(Label.Create(ClassificationLevels.Public, ["GBR"])));
        Assert.False(AccessScope.Anonymous.CanRead(Label.Create(ClassificationLevels.Public, sharingGroupId: Group)));
    }

    [Fact]
    public void Clearance_below_the_classification_hides_the_record()
    {
        var restricted = AccessScope.ForUser(ClassificationLevels.Restricted, "GBR", []);
        Assert.True(restricted.CanRead(Label.Create(ClassificationLevels.Restricted)));
        Assert.False(restricted.CanRead(Label.Create(ClassificationLevels.Confidential)));
    }

    [Fact]
    public void Releasability_admits_listed_members_and_the_originator_only()
    {
        var label = Label.Create(ClassificationLevels.Confidential, ["FRA", "GBR"], originator: "DEU");
        Assert.True(AccessScope.ForUser(ClassificationLevels.Secret, "GBR", []).CanRead(label));
        Assert.True(AccessScope.ForUser(ClassificationLevels.Secret, "DEU", []).CanRead(label));
        Assert.False(AccessScope.ForUser(ClassificationLevels.Secret, "POL", []).CanRead(label));
        Assert.False(AccessScope.ForUser(ClassificationLevels.Secret, null, []).CanRead(label));
    }

    [Fact]
    public void A_sharing_group_admits_its_members_only()
    {
        var label = Label.Create(ClassificationLevels.Restricted, sharingGroupId: Group);
        Assert.True(AccessScope.ForUser(ClassificationLevels.Restricted, "GBR", [Group]).CanRead(label));
        Assert.False(AccessScope.ForUser(ClassificationLevels.Restricted, "GBR", []).CanRead(label));
    }

    [Fact]
    public void Releasability_lists_are_canonical_so_equal_labels_compare_equal()
    {
        var a = Label.Create(ClassificationLevels.Restricted, ["gbr", "FRA", " GBR "]);
        var b = Label.Create(ClassificationLevels.Restricted, ["FRA", "GBR"]);
        Assert.Equal("|FRA|GBR|", a.ReleasableTo);
        Assert.Equal(a, b);
        Assert.Equal(["FRA", "GBR"], a.ReleasableToCodes);
    }

    [Fact]
    public void A_member_code_cannot_smuggle_a_separator_into_the_list()
    {
        Assert.Throws<ArgumentException>(() => Label.Create(ClassificationLevels.Restricted, ["GBR|FRA"]));
    }

    [Fact]
    public void A_member_token_never_matches_a_longer_code_that_contains_it()
    {
        // "|EU|" must not be found inside "|EUR|" or "|NEU|": the bars delimit whole codes.
        var label = Label.Create(ClassificationLevels.Restricted, ["EUR", "NEU"]);
        Assert.False(AccessScope.ForUser(ClassificationLevels.Secret, "EU", []).CanRead(label));
    }
}
