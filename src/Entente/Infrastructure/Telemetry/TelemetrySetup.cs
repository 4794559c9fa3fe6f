using System.Diagnostics;
using System.Diagnostics.Metrics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Entente.Infrastructure.Telemetry;

/// <summary>The platform's own traces and metrics, exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.</summary>
public static class EntenteTelemetry
{
    public const string Name = "Entente";

    public static readonly ActivitySource ActivitySource = new(Name);

    public static readonly Meter Meter = new(Name);

    public static readonly Counter<long> AuditEntriesAppended =
        Meter.CreateCounter<long>("entente.audit.entries_appended", "{entry}", "Audit entries sealed into the chain.");

    public static IServiceCollection AddEntenteTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var otel = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("entente"))
            .WithTracing(tracing => tracing
                .AddSource(Name, "Npgsql")
                .AddAspNetCoreInstrumentation(options => options.Filter = http => !http.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal))
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics
                .AddMeter(Name, "Npgsql")
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation());
        if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.UseOtlpExporter();
        }

        return services;
    }
}
