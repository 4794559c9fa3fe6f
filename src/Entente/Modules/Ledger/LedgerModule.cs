using Entente.Infrastructure.Labels;
using Entente.Modules.Ledger.Contracts;
using Entente.Modules.Ledger.Features;
using Entente.Modules.Ledger.Files;

namespace Entente.Modules.Ledger;

public static class LedgerModule
{
    public const string Tag = "Ledger";

    public static IServiceCollection AddLedgerModule(this IServiceCollection services)
    {
        // Kinds of record that threads, documents and releases may name (see Infrastructure/Labels/LabelledRecords).
        services.AddLabelledRecordKind<Domain.Pledge>("pledge", "Pledge", p => "Pledge by " + p.DonorCode, "/ledger/pledges/{id}");
        services.AddSingleton<FxRateTable>();
        services.AddSingleton<IFxRates>(sp => sp.GetRequiredService<FxRateTable>());
        services.AddSingleton<GdpTable>();
        services.AddHostedService<FxRateRefresher>();
        services.AddOptions<LedgerImportOptions>().BindConfiguration(LedgerImportOptions.Section);
        services.AddSingleton<LedgerImportJobs>();
        return services;
    }

    /// <summary>Maps the Ledger's API on the <c>/api/v1</c> group.</summary>
    public static IEndpointRouteBuilder MapLedgerModule(this IEndpointRouteBuilder api)
    {
        var ledger = api.MapGroup("").WithTags(Tag);
        ListPledges.Map(ledger);
        GetPledge.Map(ledger);
        ListPledgeVersions.Map(ledger);
        RecordPledge.Map(ledger);
        RevisePledge.Map(ledger);
        RecordPledgeTransition.Map(ledger);
        GetLedgerAggregates.Map(ledger);
        ImportPledges.Map(ledger);
        ExportPledges.Map(ledger);
        GetImportProgress.Map(ledger);
        return api;
    }
}
