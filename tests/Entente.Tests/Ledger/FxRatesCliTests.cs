using System.Net;
using Entente.Infrastructure.Labels;
using Entente.Testing;
using Entente.Tests.Registry;

namespace Entente.Tests.Ledger;

public abstract class FxRatesCliTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    [Fact]
    public async Task A_pledge_after_the_newest_rate_is_provisional_until_a_newer_ECB_file_is_loaded()
    {
        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        var created = await gbr.RecordAsync(LedgerTestKit.Pledge("GBR", with: new Dictionary<string, object?>
        {
            ["announcedOn"] = "2026-05-05", ["amount"] = 100_000_00L, ["sources"] = new[] { LedgerTestKit.Source(date: "2026-05-05") },
        }));
        Assert.True(created.GetProperty("rateIsProvisional").GetBoolean());
        Assert.Equal("2026-04-13", created.Str("rateDate"));
        var id = created.Id();

        var file = Path.Combine(app.DataDirectory, "eurofxref-newer.csv");
        await File.WriteAllTextAsync(file,
            "Date,USD,JPY,GBP,\n2026-05-05,1.1000,160.00,0.8000,\n2026-05-04,1.1010,160.10,0.8010,\n", TestContext.Current.CancellationToken);
        var cli = await app.RunCliAsync("fx", "load", file);
        Assert.True(cli.ExitCode == 0, cli.Error);
        Assert.Contains("Loaded 2 new day(s)", cli.Output, StringComparison.Ordinal);

        var after = await (await gbr.GetPathAsync($"/api/v1/pledges/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.False(after.GetProperty("rateIsProvisional").GetBoolean());
        Assert.Equal("2026-05-05", after.Str("rateDate"));
        Assert.Equal(125_000_00L, after.GetProperty("pledge").GetProperty("valueEurCents").GetInt64());
        var versions = await (await gbr.GetPathAsync($"/api/v1/pledges/{id}/versions")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("revalued", versions.GetProperty("items")[0].Str("change"));
    }

    [Fact]
    public async Task A_file_that_is_not_an_ECB_file_is_refused_and_changes_nothing()
    {
        var file = Path.Combine(app.DataDirectory, "not-ecb.csv");
        await File.WriteAllTextAsync(file, "Country,Rate\nGBR,1\n", TestContext.Current.CancellationToken);
        var cli = await app.RunCliAsync("fx", "load", file);
        Assert.Equal(1, cli.ExitCode);
        Assert.Contains("not an ECB reference-rate file", cli.Error, StringComparison.Ordinal);

        var bad = Path.Combine(app.DataDirectory, "bad-rate.csv");
        await File.WriteAllTextAsync(bad, "Date,USD,\n2026-06-01,-3,\n", TestContext.Current.CancellationToken);
        var refused = await app.RunCliAsync("fx", "load", bad);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("Line 2", refused.Error, StringComparison.Ordinal);
        Assert.Equal(0, await app.DbAsync(db => Task.FromResult(db.FxRates.Count(r => r.Date == new DateOnly(2026, 6, 1)))));
    }
}

public sealed class FxRatesCliTestsOnSqlite(SqliteApp app) : FxRatesCliTests<SqliteApp>(app);

public sealed class FxRatesCliTestsOnPostgres(PostgresApp app) : FxRatesCliTests<PostgresApp>(app);
