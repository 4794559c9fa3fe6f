using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Modules.Registry.Domain;

namespace Entente.Tests.Registry;

/// <summary>How the security policy may change: ranks stay, nothing is removed, markings stay legible.</summary>
public class SecurityPolicyRulesTests
{
    private static SecurityPolicy DefaultPolicy()
    {
        var policy = new SecurityPolicy(Label.DefaultPolicy, "Test policy", null, ClassificationLevels.Confidential);
        policy.AddClassification("PUBLIC", "Public", null, "#2e7d32");
        policy.AddClassification("RESTRICTED", "Restricted", null, "#8a5a00");
        policy.AddClassification("CONFIDENTIAL", "Confidential", null, "#1d4ed8");
        policy.AddClassification("SECRET", "Secret", null, "#b91c1c");
        policy.AddCategory("PERS", "Personal data", null);
        return policy;
    }

    [Fact]
    public void A_new_classification_ranks_above_the_highest()
    {
        var policy = DefaultPolicy();
        var added = policy.AddClassification("top secret", "Top secret", null, "#4A1D96");
        Assert.Equal(4, added.Value?.Rank);
        Assert.Equal("TOP SECRET", added.Value?.Code);
        Assert.Equal("#4a1d96", added.Value?.Colour);
    }

    [Fact]
    public void Renaming_a_classification_keeps_its_rank()
    {
        var policy = DefaultPolicy();
        var revised = policy.ReviseClassification(2, "NATO CONFIDENTIAL", "NATO Confidential", "Renamed.", "#1d4ed8");
        Assert.Equal(2, revised.Value?.Rank);
        Assert.Equal("NATO CONFIDENTIAL", policy.Classifications.Single(c => c.Rank == 2).Code);
    }

    [Fact]
    public void Two_classifications_cannot_share_a_marking()
    {
        var policy = DefaultPolicy();
        Assert.Equal("registry.policy-classification-code-taken", policy.ReviseClassification(2, "secret", "Secret", null, "#1d4ed8").Error?.Code);
        Assert.Equal("registry.policy-classification-code-taken", policy.AddClassification("PUBLIC", "Again", null, "#1d4ed8").Error?.Code);
    }

    [Theory]
    [InlineData("#ffee00")]
    [InlineData("#ffffff")]
    [InlineData("#9ca3af")]
    public void A_colour_too_light_for_white_text_is_refused(string colour)
    {
        var result = DefaultPolicy().ReviseClassification(1, "RESTRICTED", "Restricted", null, colour);
        Assert.Equal("colour", result.Error?.Field);
    }

    [Theory]
    [InlineData("blue")]
    [InlineData("#12345")]
    [InlineData("#1d4ed8;}body{display:none")]
    public void A_colour_must_be_written_as_six_hex_digits(string colour)
    {
        Assert.Equal("colour", DefaultPolicy().AddClassification("TOP SECRET", "Top secret", null, colour).Error?.Field);
    }

    [Fact]
    public void A_policy_holds_at_most_seven_classifications()
    {
        var policy = DefaultPolicy();
        policy.AddClassification("L4", "Four", null, "#4a1d96");
        policy.AddClassification("L5", "Five", null, "#4a1d96");
        policy.AddClassification("L6", "Six", null, "#4a1d96");
        Assert.Equal("registry.policy-classification-limit", policy.AddClassification("L7", "Seven", null, "#4a1d96").Error?.Code);
    }

    [Fact]
    public void A_retired_category_stays_in_the_policy_and_can_be_reinstated()
    {
        var policy = DefaultPolicy();
        Assert.True(policy.RetireCategory("pers").IsSuccess);
        Assert.True(policy.Categories.Single().IsRetired);
        Assert.True(policy.RetireCategory("PERS").IsSuccess);
        Assert.Equal(ErrorKind.Conflict, policy.AddCategory("PERS", "Again", null).Error?.Kind);
        Assert.True(policy.ReinstateCategory("PERS").IsSuccess);
        Assert.False(policy.Categories.Single().IsRetired);
        Assert.Equal(ErrorKind.NotFound, policy.RetireCategory("NOPE").Error?.Kind);
    }
}
