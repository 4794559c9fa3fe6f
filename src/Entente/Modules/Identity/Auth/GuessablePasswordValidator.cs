using Entente.Modules.Identity.Domain;
using Microsoft.AspNetCore.Identity;

namespace Entente.Modules.Identity.Auth;

/// <summary>
/// Refuses passwords that are easy to guess even when long enough: common passwords, dictionary words and names,
/// keyboard walks, repeats, dates, and the user's own name or e-mail address (ASVS 2.1.7). The estimate comes from
/// zxcvbn (its lists of common passwords, words and names); a password must reach a score of
/// <see cref="MinimumScore"/> of 4, which a passphrase of four unrelated words or a generated password does.
/// </summary>
public sealed class GuessablePasswordValidator : IPasswordValidator<EntenteUser>
{
    public const int MinimumScore = 3;

    public const string ErrorCode = "PasswordGuessable";

    public Task<IdentityResult> ValidateAsync(UserManager<EntenteUser> manager, EntenteUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }

        string[] personal = [.. new[] { user.UserName, user.Email, user.DisplayName, user.MemberCode }
            .Where(s => !string.IsNullOrWhiteSpace(s))
            .SelectMany(s => s!.Split([' ', '.', '@', '-', '_'], StringSplitOptions.RemoveEmptyEntries))];
        var estimate = Zxcvbn.Zxcvbn.MatchPassword(password, personal);
        return Task.FromResult(estimate.Score >= MinimumScore
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError
            {
                Code = ErrorCode,
                Description = "This password is too easy to guess: it is built from common passwords, words, names, dates, "
                    + "keyboard patterns or your own name. Choose a passphrase of four or more unrelated words.",
            }));
    }
}
