using Entente.Infrastructure.Labels;
using Entente.Modules.Identity.Domain;
using Entente.Modules.Monitoring.Contracts;
using Entente.Modules.Monitoring.Domain;
using Entente.Modules.Monitoring.Features;

namespace Entente.Modules.Monitoring;

public static class MonitoringModule
{
    public const string Tag = "Monitoring";

    /// <summary>Create alert rules, acknowledge alerts, subscribe webhooks: analysts, the Secretariat and administrators.</summary>
    public const string ManageAlerts = "manage-alerts";

    /// <summary>Edit and release daily reports: the Secretariat and administrators.</summary>
    public const string WriteReports = "write-reports";

    public static IServiceCollection AddMonitoringModule(this IServiceCollection services, IConfiguration configuration)
    {
        // Kinds of record that threads, documents and releases may name (see Infrastructure/Labels/LabelledRecords).
        services.AddLabelledRecordKind<Domain.MonitoringEvent>("event", "Event", e => "Event in " + (e.Oblast ?? "an unnamed place"), "/monitoring/events/{id}");
        services.AddLabelledRecordKind<Domain.Observation>("observation", "Observation", o => "Observation " + o.SourceRef, null);
        services.AddLabelledRecordKind<Domain.DailyReport>("daily-report", "Daily report", r => "Daily report", null);
        services.AddLabelledRecordKind<Domain.CeasefireAgreement>("agreement", "Ceasefire agreement", a => a.Name, "/monitoring/agreements/{id}");
        services.AddSingleton(configuration.GetSection(CorrelationOptions.Section).Get<CorrelationOptions>() ?? new CorrelationOptions());
        services.AddSingleton<Correlator>();
        services.AddSingleton<AgreementCatalog>();
        services.AddScoped<ObservationIngest>();
        services.AddSingleton<OblastLocator>();
        services.AddSingleton<IAlertEvaluator, AlertEvaluator>();
        services.AddScoped<WebhookDispatcher>();
        services.AddScoped<DailyReportWriter>();
        services.AddHttpClient(WebhookDispatcher.ClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
        var jobs = configuration.GetSection(MonitoringJobOptions.Section);
        services.AddOptions<MonitoringJobOptions>().Bind(jobs);
        if (jobs.Get<MonitoringJobOptions>()?.Run ?? true)
        {
            services.AddHostedService<AlertJob>();
            services.AddHostedService<DailyReportJob>();
        }

        services.AddAuthorizationBuilder()
            .AddPolicy(ManageAlerts, p => p.RequireRole(Roles.Administrator, Roles.Secretariat, Roles.Analyst))
            .AddPolicy(WriteReports, p => p.RequireRole(Roles.Administrator, Roles.Secretariat));
        services.AddSingleton<OblastIndex>();
        services.AddSingleton<BaseMap>();
        return services;
    }

    /// <summary>Maps the Monitoring API on the <c>/api/v1</c> group.</summary>
    public static IEndpointRouteBuilder MapMonitoringModule(this IEndpointRouteBuilder api)
    {
        var monitoring = api.MapGroup("").WithTags(Tag);
        Agreements.Map(monitoring);
        Observations.Map(monitoring);
        ListWaitingEvents.Map(monitoring);
        Events.Map(monitoring);
        Alerts.Map(monitoring);
        EditAlertRule.Map(monitoring);
        ListAlertSubscriptions.Map(monitoring);
        DeleteAlertSubscription.Map(monitoring);
        Reports.Map(monitoring);
        DecideOnEvent.Map(monitoring);
        SplitEvent.Map(monitoring);
        MergeEvents.Map(monitoring);
        MonitoringMap.Map(monitoring);
        return api;
    }
}
