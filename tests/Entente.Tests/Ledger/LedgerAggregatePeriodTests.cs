using System.Net;
using Entente.Modules.Ledger.Data;
using Entente.Testing;
using Entente.Tests.Registry;
using Microsoft.EntityFrameworkCore;

namespace Entente.Tests.Ledger;

public abstract class LedgerAggregatePeriodTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    [Fact]
    public async Task A_months_average_delay_is_over_its_pledges_not_over_the_days_they_were_announced()
    {
        using var secretariat = await app.SecretariatAsync();
        var donor = await secretariat.RegisterOrganisationAsync();

        // One pledge announced on 1 May delivered after 10 days, two announced on 20 May after 40: (10 + 40 + 40) / 3 = 30.
        foreach (var (announced, delivered) in new[] { ("2025-05-01", "2025-05-11"), ("2025-05-20", "2025-06-29"), ("2025-05-20", "2025-06-29") })
        {
            var id = (await secretariat.RecordAsync(LedgerTestKit.Pledge(donor, with: new Dictionary<string, object?>
            {
                ["announcedOn"] = announced, ["currency"] = "EUR", ["amount"] = 1_000_00L, ["sources"] = new[] { LedgerTestKit.Source(date: announced) },
            }))).Id();
            await (await secretariat.StepAsync(id, "committed", announced)).JsonAsync(HttpStatusCode.Created);
            await (await secretariat.StepAsync(id, "allocated", announced)).JsonAsync(HttpStatusCode.Created);
            await (await secretariat.StepAsync(id, "delivered", delivered)).JsonAsync(HttpStatusCode.Created);
        }

        foreach (var groupBy in new[] { "month", "quarter", "year" })
        {
            var body = await (await secretariat.GetPathAsync($"/api/v1/ledger/aggregates?groupBy={groupBy}&donor={donor}")).JsonAsync(HttpStatusCode.OK);
            var row = Assert.Single(body.GetProperty("rows").EnumerateArray());
            Assert.Equal(3, row.GetProperty("pledges").GetInt32());
            Assert.Equal(3_000_00L, row.GetProperty("deliveredEurCents").GetInt64());
            Assert.Equal(30.0, row.GetProperty("averageDelayDays").GetDouble());
            Assert.Equal(30.0, body.GetProperty("total").GetProperty("averageDelayDays").GetDouble());
        }
    }

    [Fact]
    public async Task The_indexes_that_cover_the_aggregates_exist_once_the_database_is_migrated()
    {
        var sql = app.Provider == TestProvider.Postgres
            ? "SELECT indexname AS \"Value\" FROM pg_indexes WHERE indexname LIKE 'ix_ledger_pledges_aggregates%'"
            : "SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'index' AND name LIKE 'ix_ledger_pledges_aggregates%'";
        var names = await app.DbAsync(db => db.Database.SqlQueryRaw<string>(sql).ToListAsync());
        Assert.Equal([LedgerIndexes.ByDate, LedgerIndexes.ByDonor, LedgerIndexes.ByType], names.Order(StringComparer.Ordinal));

        // Running the migrations again (an upgrade, or 'entente migrate') leaves them as they are.
        var migrate = await app.RunCliAsync("migrate");
        Assert.Equal(0, migrate.ExitCode);
    }
}

public sealed class LedgerAggregatePeriodTestsOnSqlite(SqliteApp app) : LedgerAggregatePeriodTests<SqliteApp>(app);

public sealed class LedgerAggregatePeriodTestsOnPostgres(PostgresApp app) : LedgerAggregatePeriodTests<PostgresApp>(app);
