using System.Security.Claims;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Modules.Identity.Auth;
using Entente.Modules.Identity.Domain;
using Entente.Modules.Identity.Features;
using Entente.Modules.Identity.Pages;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Entente.Modules.Identity;

public static class IdentityModule
{
    /// <summary>The policy scheme that picks bearer tokens or the cookie per request.</summary>
    public const string Scheme = "Entente";

    public static IServiceCollection AddIdentityModule(this IServiceCollection services, IWebHostEnvironment environment)
    {
        services.AddIdentityCore<EntenteUser>(options =>
            {
                options.Password.RequiredLength = 12;
                options.Password.RequiredUniqueChars = 5;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.User.RequireUniqueEmail = true;
                options.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@+";
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<EntenteRole>()
            .AddEntityFrameworkStores<EntenteDbContext>()
            .AddPasswordValidator<GuessablePasswordValidator>()
            .AddSignInManager<EntenteSignInManager>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<EntenteClaimsPrincipalFactory>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = Scheme;
                options.DefaultChallengeScheme = Scheme;
                options.DefaultForbidScheme = Scheme;
            })
            .AddPolicyScheme(Scheme, "Cookie or API token", options =>
                options.ForwardDefaultSelector = http => ApiTokenAuthenticationHandler.HasBearerToken(http.Request)
                    ? ApiTokenAuthenticationHandler.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "entente.session";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            // ASVS 3.3.2 (level 2): a session ends after SessionLimits.Idle without a request and, however active,
            // SessionLimits.Absolute after the password was entered.
            options.ExpireTimeSpan = SessionLimits.Idle;
            options.SlidingExpiration = true;
            options.LoginPath = "/account/sign-in";
            options.LogoutPath = "/account/sign-out";
            options.AccessDeniedPath = "/account/access-denied";
            options.Events.OnRedirectToLogin = context => ApiAwareRedirect(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => ApiAwareRedirect(context, StatusCodes.Status403Forbidden);
            options.Events.OnSigningIn = SessionLimits.StampSignIn;
            var validate = options.Events.OnValidatePrincipal;
            options.Events.OnValidatePrincipal = async context =>
            {
                if (SessionLimits.IsPastAbsoluteLimit(context))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                    return;
                }

                await validate(context);
            };
        });
        services.Configure<SecurityStampValidatorOptions>(options =>
        {
            options.ValidationInterval = TimeSpan.FromMinutes(1);

            // Re-validation rebuilds the principal from the database (fresh roles and member) but Identity drops how
            // the session signed in; keep it, or a session that signed in with a second factor would lose it within
            // a minute and be confined to the enrolment page.
            options.OnRefreshingPrincipal = context =>
            {
                if (context.NewPrincipal?.Identity is ClaimsIdentity identity && context.CurrentPrincipal is { } current)
                {
                    foreach (var claim in current.FindAll(c => c.Type is EntenteClaims.Amr or ClaimTypes.AuthenticationMethod))
                    {
                        if (!identity.HasClaim(claim.Type, claim.Value))
                        {
                            identity.AddClaim(new Claim(claim.Type, claim.Value));
                        }
                    }
                }

                return Task.CompletedTask;
            };
        });
        services.AddScoped<AccountActivity>();

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Administer, p => p.RequireRole(Roles.Administrator))
            .AddPolicy(Policies.ManageRegistry, p => p.RequireRole(Roles.Administrator, Roles.Secretariat))
            .AddPolicy(Policies.ReadAudit, p => p.RequireRole(Roles.Administrator))
            .AddPolicy(Policies.RecordPledges, p => p.RequireRole(Roles.Administrator, Roles.Secretariat, Roles.Delegate))
            .AddPolicy(Policies.FileObservations, p => p.RequireRole(Roles.Administrator, Roles.Secretariat, Roles.Monitor, Roles.Analyst))
            .AddPolicy(Policies.ManageAgreements, p => p.RequireRole(Roles.Administrator, Roles.Secretariat))
            .AddPolicy(Policies.VerifyEvents, p => p.RequireRole(Roles.Administrator, Roles.Secretariat, Roles.Analyst));
        return services;
    }

    /// <summary>Maps the identity API under the <c>/api/v1</c> group.</summary>
    public static IEndpointRouteBuilder MapIdentityModule(this IEndpointRouteBuilder api)
    {
        var me = api.MapGroup("/me").WithTags("Identity");
        GetMe.Map(me);
        ListMyTokens.Map(me);
        IssueMyToken.Map(me).RequireRateLimiting(RateLimits.Tokens);
        RevokeMyToken.Map(me).RequireRateLimiting(RateLimits.Tokens);

        var users = api.MapGroup("/users").WithTags("Identity").RequireAuthorization(Policies.Administer);
        Administration(ListUsers.Map(users));
        Administration(CreateUser.Map(users));
        Administration(GetUser.Map(users));
        Administration(UpdateUser.Map(users));
        Administration(DisableUser.Map(users));
        Administration(EnableUser.Map(users));
        Administration(UnlockUser.Map(users));
        Administration(ResetTwoFactor.Map(users));
        Administration(ResetPassword.Map(users));

        var tokens = api.MapGroup("/tokens").WithTags("Identity").RequireAuthorization(Policies.Administer);
        Administration(ListTokens.Map(tokens));
        Administration(RevokeToken.Map(tokens)).RequireRateLimiting(RateLimits.Tokens);
        return api;
    }

    /// <summary>
    /// Maps what the account pages need outside Blazor: signing out is a POST from every page's header, so it is an
    /// endpoint of its own rather than a form of one page.
    /// </summary>
    public static IEndpointRouteBuilder MapIdentityPages(this IEndpointRouteBuilder app)
    {
        SignOutEndpoint.Map(app);
        return app;
    }

    /// <summary>Documents the 403 that callers without the Administrator role get.</summary>
    private static RouteHandlerBuilder Administration(RouteHandlerBuilder endpoint) =>
        endpoint.ProducesProblem(StatusCodes.Status403Forbidden);

    private static Task ApiAwareRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}

/// <summary>Authorization policy names.</summary>
public static class Policies
{
    public const string Administer = "administer";
    public const string ManageRegistry = "manage-registry";
    public const string ReadAudit = "read-audit";

    /// <summary>Record and update pledges: delegates (their own member's), the Secretariat and administrators.</summary>
    public const string RecordPledges = "record-pledges";

    /// <summary>File observations: monitors, analysts, the Secretariat and administrators.</summary>
    public const string FileObservations = "file-observations";

    /// <summary>Record ceasefire agreements and redraw their lines: the Secretariat and administrators.</summary>
    public const string ManageAgreements = "manage-agreements";

    /// <summary>Verify, split and merge ceasefire events: analysts, the Secretariat and administrators.</summary>
    public const string VerifyEvents = "verify-events";
}
