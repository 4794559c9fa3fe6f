using System.Globalization;
using System.Security.Claims;
using Entente.Modules.Identity.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Entente.Modules.Identity.Auth;

/// <summary>Adds the member, clearance and display name to the principal Identity builds at sign-in.</summary>
public sealed class EntenteClaimsPrincipalFactory(
    UserManager<EntenteUser> userManager,
    RoleManager<EntenteRole> roleManager,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<EntenteUser, EntenteRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(EntenteUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(EntenteClaims.DisplayName, user.DisplayName));
        identity.AddClaim(new Claim(EntenteClaims.Clearance, user.Clearance.ToString(CultureInfo.InvariantCulture)));
        if (user.MemberCode is not null)
        {
            identity.AddClaim(new Claim(EntenteClaims.Member, user.MemberCode));
        }

        return identity;
    }
}
