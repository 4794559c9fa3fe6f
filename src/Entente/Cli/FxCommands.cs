using System.CommandLine;
using System.IO.Compression;
using Entente.Infrastructure.Data;
using Entente.Modules.Ledger.Contracts;
using Entente.Modules.Ledger.Features;
using Microsoft.EntityFrameworkCore;

namespace Entente.Cli;

/// <summary>
/// <c>entente fx load FILE | status</c>: ECB euro reference rates. Loading stores the days newer than the file
/// shipped with the product, then values again the pledges that had to use a provisional rate.
/// Exit codes: 0 done, 1 the file could not be read.
/// </summary>
internal static class FxCommands
{
    public static Command Create(CliContext context)
    {
        var fx = new Command("fx", "ECB euro reference rates used to value pledges.");

        var file = new Argument<FileInfo>("file") { Description = "The ECB's eurofxref-hist.csv, or the eurofxref-hist.zip that contains it." };
        var load = new Command("load", "Load a newer ECB reference-rate file and value provisional pledges again.");
        load.Arguments.Add(file);
        load.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                await context.Error.WriteLineAsync($"error: '{path.FullName}' not found.");
                return 1;
            }

            IReadOnlyList<FxDay> days;
            try
            {
                var parsed = await ReadAsync(path);
                if (!parsed.IsSuccess)
                {
                    await context.Error.WriteLineAsync($"error: {parsed.Error!.Detail}");
                    return 1;
                }

                days = parsed.Value!;
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException)
            {
                await context.Error.WriteLineAsync($"error: '{path.Name}' could not be read: {ex.Message}");
                return 1;
            }

            await using var app = await context.BuildAsync(migrate: false, cancellationToken);
            await using var scope = CliContext.OperatorScope(app.Services);
            var db = scope.ServiceProvider.GetRequiredService<EntenteDbContext>();
            var table = scope.ServiceProvider.GetRequiredService<FxRateTable>();
            var added = await FxRateLoader.StoreAsync(db, table, days, cancellationToken);
            var revalued = await RevalueProvisionalAsync(db, table, scope.ServiceProvider.GetRequiredService<TimeProvider>(), cancellationToken);
            await context.Output.WriteLineAsync(
                $"Loaded {added} new day(s) of rates; the newest is {table.LatestDate:yyyy-MM-dd}. Valued {revalued} pledge(s) again.");
            return 0;
        });

        var status = new Command("status", "Show the range of rates known.");
        status.SetAction(async (_, cancellationToken) =>
        {
            await using var app = await context.BuildAsync(migrate: false, cancellationToken);
            await using var scope = CliContext.OperatorScope(app.Services);
            var table = scope.ServiceProvider.GetRequiredService<FxRateTable>();
            var db = scope.ServiceProvider.GetRequiredService<EntenteDbContext>();
            var provisional = await db.Pledges.CountAsync(p => p.RateIsProvisional, cancellationToken);
            await context.Output.WriteLineAsync($"Shipped ECB rates up to {table.ShippedLatest:yyyy-MM-dd}; newest known {table.LatestDate:yyyy-MM-dd}.");
            await context.Output.WriteLineAsync($"{provisional} pledge(s) valued at a provisional rate.");
            return 0;
        });

        fx.Subcommands.Add(load);
        fx.Subcommands.Add(status);
        return fx;
    }

    private static async Task<Infrastructure.Problems.Result<IReadOnlyList<FxDay>>> ReadAsync(FileInfo path)
    {
        if (path.Extension.Equals(".zip", StringComparison.OrdinalIgnoreCase))
        {
            await using var zip = await ZipFile.OpenReadAsync(path.FullName);
            var entry = zip.Entries.FirstOrDefault(e => e.Name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
                ?? throw new InvalidDataException("the archive holds no CSV file");
            await using var stream = await entry.OpenAsync();
            using var zipped = new StreamReader(stream);
            return EcbFile.Parse(zipped);
        }

        using var reader = new StreamReader(path.FullName);
        return EcbFile.Parse(reader);
    }

    /// <summary>Values again, as the operator, every pledge with a provisional rate or a tranche dated after the shipped rates.</summary>
    private static async Task<int> RevalueProvisionalAsync(EntenteDbContext db, FxRateTable table, TimeProvider time, CancellationToken cancellationToken)
    {
        var shippedLatest = table.ShippedLatest;
        var ids = await db.Pledges
            .Where(p => p.RateIsProvisional || p.Transitions.Any(t => t.Amount != null && t.On > shippedLatest))
            .Select(p => p.Id).ToListAsync(cancellationToken);
        var count = 0;
        var actor = LedgerAccess.ActorOf(db.Caller);
        foreach (var id in ids)
        {
            var pledge = await LedgerAccess.FindForUpdateAsync(db, id, cancellationToken);
            if (pledge is not null && pledge.Revalue(table, actor, time.GetUtcNow().UtcDateTime))
            {
                var saved = await LedgerStore.SaveAsync(db, pledge, cancellationToken);
                count += saved.IsSuccess ? 1 : 0;
            }

            db.ChangeTracker.Clear();
        }

        return count;
    }
}
