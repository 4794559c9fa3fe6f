using Entente.Infrastructure.Text;
using Entente.Modules.Monitoring.Domain;

namespace Entente.Tests.Platform;

public class EnumTextTests
{
    [Theory]
    [InlineData("heavyMachineGun")]
    [InlineData("HeavyMachineGun")]
    [InlineData("HEAVY_MACHINE_GUN")]
    [InlineData("heavy-machine-gun")]
    [InlineData("heavy_machine_gun")]
    [InlineData("  heavymachinegun ")]
    public void A_name_is_read_in_any_case_and_in_kebab_or_snake_case(string text)
    {
        Assert.True(EnumText.TryParseRequired<WeaponClass>(text, out var weapon));
        Assert.Equal(WeaponClass.HeavyMachineGun, weapon);
    }

    [Theory]
    [InlineData("7")]
    [InlineData("2")]
    [InlineData("-1")]
    [InlineData("0x2")]
    [InlineData("mortar,tank")]
    [InlineData("mortar, tank")]
    [InlineData("-mortar")]
    [InlineData("mortar_")]
    [InlineData("heavy--machine-gun")]
    [InlineData("heavy machine gun")]
    [InlineData("nuclear")]
    [InlineData("")]
    [InlineData(null)]
    public void Numbers_lists_stray_separators_and_unknown_names_are_refused(string? text) =>
        Assert.False(EnumText.TryParseRequired<WeaponClass>(text, out _));

    [Fact]
    public void Optional_text_may_be_empty_but_not_wrong()
    {
        Assert.True(EnumText.TryParse<WeaponClass>(" ", out var none));
        Assert.Null(none);
        Assert.True(EnumText.TryParse<WeaponClass>("air-defence", out var some));
        Assert.Equal(WeaponClass.AirDefence, some);
        Assert.False(EnumText.TryParse<WeaponClass>("9", out _));
    }

    [Fact]
    public void A_refusal_names_the_text_and_every_accepted_name()
    {
        var message = EnumText.Refusal<Confidence>("7", "a confidence");
        Assert.Equal("'7' is not a confidence. Use one of: low, medium, high (in any case; words may be joined by dashes or underscores; numbers are not accepted).", message);
    }
}
