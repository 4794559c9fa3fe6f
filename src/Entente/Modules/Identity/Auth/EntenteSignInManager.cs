using Entente.Modules.Identity.Domain;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Entente.Modules.Identity.Auth;

/// <summary>Refuses sign-in to disabled users, whatever their password.</summary>
public sealed class EntenteSignInManager(
    UserManager<EntenteUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<EntenteUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<EntenteUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<EntenteUser> confirmation)
    : SignInManager<EntenteUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(EntenteUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return !user.IsDisabled && await base.CanSignInAsync(user);
    }
}
