using System.Text.Json;
using System.Text.Json.Serialization;
using Entente.Components;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Problems;
using Entente.Infrastructure.Security;
using Entente.Infrastructure.Telemetry;
using Entente.Modules.Audit;
using Entente.Modules.Forces;
using Entente.Modules.Identity;
using Entente.Modules.Ledger;
using Entente.Modules.Monitoring;
using Entente.Modules.Sharing;
using Entente.Modules.Summits;
using Entente.Modules.Registry;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Scalar.AspNetCore;

namespace Entente.Infrastructure;

/// <summary>Composes the host: services of every module, the middleware pipeline and the endpoints.</summary>
public static class EntenteHost
{
    public static WebApplicationBuilder AddEntente(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var configuration = builder.Configuration;
        var platform = PlatformOptions.Bind(configuration, builder.Environment.ContentRootPath);
        services.AddSingleton(platform);
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<Caller>();
        services.AddScoped<IdempotencyScope>();
        services.AddHostedService<IdempotencyKeySweeper>();
        services.AddSingleton<Demo.DemoState>();
        services.AddCascadingAuthenticationState();
        services.AddHttpContextAccessor();

        services.AddEntenteData(configuration, platform);
        services.AddEntenteTelemetry(configuration);
        services.AddAuditModule(configuration, platform);
        services.AddRegistryModule();
        services.AddLedgerModule();
        services.AddMonitoringModule(configuration);
        services.AddSummitsModule(configuration);
        services.AddForcesModule(configuration);
        services.AddSharingModule(configuration);
        services.AddIdentityModule(builder.Environment);
        services.AddEntenteRateLimits(configuration);
        services.AddEntenteOpenApi();
        services.AddValidation();
        services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemDetailsDefaults.Apply);
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddExceptionHandler<DatabaseUnavailablePage>();

        // Unreadable bodies and parameters raise BadHttpRequestException in every environment (by default only in
        // Development), so ApiExceptionHandler can answer /problems/malformed-request with the reason instead of
        // an empty 400.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
            options.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        });
        services.AddEntenteReverseProxy(configuration);

        services.AddHealthChecks()
            // Short timeouts: a database that has gone away must turn the host not-ready within one probe, not hang it.
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"], timeout: DatabaseHealthCheck.Timeout)
            .AddCheck<MigrationsHealthCheck>("migrations", tags: ["ready"], timeout: DatabaseHealthCheck.Timeout);

        services.AddEntenteDataProtection(configuration, platform);

        services.AddRazorComponents();
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "entente.antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
        });
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 10 * 1024 * 1024;
        });
        return builder;
    }

    public static WebApplication UseEntente(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseForwardedHeaders();
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/error", CreateScopeForErrors = true });
        app.UseWhen(IsApi, api => api.UseStatusCodePages());
        app.UseWhen(context => !IsApi(context), pages => pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseMiddleware<DeniedAccessAuditor>();
        app.UseAuthentication();
        app.UseMiddleware<CallerMiddleware>();
        app.UseAuthorization();
        app.UseMiddleware<IdempotencyMiddleware>();
        app.UseMiddleware<Modules.Sharing.Contracts.LabelledExportMiddleware>();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous().WithMetadata(new StaticAssetMarker());
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous().DisableRateLimiting();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready"),
            ResponseWriter = HealthResponse.WriteAsync,
        }).AllowAnonymous().DisableRateLimiting();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference(SecurityHeadersMiddleware.ApiReferencePath, options =>
        {
            options.WithTitle("Entente API reference");
            options.WithOpenApiRoutePattern("/openapi/{documentName}.json");
            options.DisableDefaultFonts();
        }).AllowAnonymous();

        var api = app.MapGroup("/api/v1");
        api.AddEndpointFilter(ReadAuditBeforeResult.FlushAsync);
        api.MapIdentityModule();
        api.MapRegistryModule();
        api.MapLedgerModule();
        api.MapMonitoringModule();
        api.MapSummitsModule();
        api.MapForcesModule();
        api.MapSharingModule();
        api.MapAuditModule();
        app.MapRegistryAssets();

        app.MapIdentityPages();
        app.MapRazorComponents<App>();
        return app;
    }

    private static bool IsApi(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        || context.Request.Path.StartsWithSegments("/openapi", StringComparison.OrdinalIgnoreCase);
}
