using Entente.Modules.Identity.Auth;
using Entente.Modules.Identity.Domain;

namespace Entente.Tests.Identity;

public sealed class GuessablePasswordTests
{
    private static readonly EntenteUser User = new()
    {
        UserName = "marie.dupont",
        Email = "marie.dupont@diplomatie.example",
        DisplayName = "Marie Dupont",
        MemberCode = "FRA",
    };

    [Theory]
    [InlineData("password1234")]
    [InlineData("qwertyuiop12")]
    [InlineData("iloveyou2026!")]
    [InlineData("marie.dupont1")]
    [InlineData("dupontdupont")]
    public async Task Common_patterns_and_the_users_own_name_are_refused_with_a_reason(string password)
    {
        var result = await new GuessablePasswordValidator().ValidateAsync(null!, User, password);

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.Equal(GuessablePasswordValidator.ErrorCode, error.Code);
        Assert.Contains("passphrase", error.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_passphrase_of_unrelated_words_and_a_generated_password_are_accepted()
    {
        var validator = new GuessablePasswordValidator();

        Assert.True((await validator.ValidateAsync(null!, User, "river lamp orange piano")).Succeeded);
        Assert.True((await validator.ValidateAsync(null!, User, GeneratedPassword.Create())).Succeeded);
    }
}
