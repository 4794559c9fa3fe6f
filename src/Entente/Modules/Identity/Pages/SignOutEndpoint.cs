using Entente.Modules.Identity.Auth;
using Entente.Modules.Identity.Domain;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace Entente.Modules.Identity.Pages;

/// <summary>
/// <c>POST /account/sign-out</c>: ends the session. Every page's header posts here with an antiforgery token, so a
/// link on another site cannot sign a user out. A stale or missing token leads to the confirmation page instead.
/// </summary>
public static class SignOutEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/account/sign-out", HandleAsync)
            .AllowAnonymous()

            // The confirmation page at the same address answers GET; this endpoint takes the POST before it.
            .WithOrder(-1)
            .ExcludeFromDescription();

    private static async Task<IResult> HandleAsync(
        HttpContext context, IAntiforgery antiforgery, SignInManager<EntenteUser> signInManager, AccountActivity activity)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return TypedResults.Redirect("/account/sign-out");
        }

        if (context.User.Identity?.IsAuthenticated == true)
        {
            await activity.SignedOutAsync(context.RequestAborted);
            await signInManager.SignOutAsync();
            StatusMessage.Set(context, "You have signed out.");
        }

        return TypedResults.Redirect("/account/sign-in");
    }
}
