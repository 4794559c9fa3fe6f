using System.Net;
using System.Text;
using Entente.Testing;
using Entente.Tests.Monitoring;
using Entente.Tests.Registry;
using Microsoft.EntityFrameworkCore;
using static Entente.Tests.Ledger.LedgerFiles;

namespace Entente.Tests.Fuzz;

/// <summary>
/// A bad file among good rows, sent to each HTTP importer: the answer is a ProblemDetails that says what is wrong,
/// and nothing of the file is stored. (A JSON-lines batch is answered per row by design: its broken line is
/// rejected and never stored, the good lines are stored once.)
/// </summary>
public abstract class NoPartialWriteTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : EntenteApp
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_pledge_file_with_an_unclosed_quote_after_good_rows_is_refused_and_stores_no_pledge()
    {
        using var secretariat = await app.SecretariatAsync();
        var before = await PledgeCountAsync();
        var file = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Csv(Row(measure: "Good row one"), Row(measure: "Good row two")))
            + "GBR,2025-06-23,\"Unclosed measure,military,air defence,,,,GBP,100,https://www.gov.uk/x,,,,,bilateral,PUBLIC,\r\n");

        var problem = await (await secretariat.ImportAsync(file)).ProblemAsync(HttpStatusCode.BadRequest, "/problems/ledger.import-unreadable");

        Assert.Contains("malformed", problem.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(before, await PledgeCountAsync());
    }

    [Fact]
    public async Task A_pledge_file_whose_last_row_has_an_absurd_value_stores_none_of_its_good_rows()
    {
        using var secretariat = await app.SecretariatAsync();
        var before = await PledgeCountAsync();
        var file = Csv(Row(measure: "Good row one"), Row(measure: "Good row two"), Row(measure: "Absurd", value: "1e400"));

        var problem = await (await secretariat.ImportAsync(file)).ProblemAsync(HttpStatusCode.UnprocessableEntity, "/problems/ledger.import-rejected");

        Assert.Equal(4, Assert.Single(problem.GetProperty("rows").EnumerateArray()).GetProperty("row").GetInt32());
        Assert.Equal(before, await PledgeCountAsync());
    }

    [Fact]
    public async Task An_acled_file_broken_after_good_rows_is_refused_and_stores_no_observation()
    {
        await app.AgreementAsync();
        using var monitor = await app.MonitorAsync();
        var before = await ObservationCountAsync();
        var header = string.Join(',', Modules.Monitoring.Contracts.Acled.Columns);
        string Good(string id) =>
            $"{id},2026-11-28,2026,1,Political violence,Battles,Armed clash,Forces of the East,,1,,,,,,804,Europe,Ukraine,Donetsk,,,Toretsk,48.39,37.84,2,OSCE,Other,Clash,0,,0";
        var csv = $"{header}\r\n{Good("FZ" + MonitoringTestKit.Unique())}\r\n{Good("FZ" + MonitoringTestKit.Unique())}\r\nFZ-bad,2026-11-28,\"never closed\r\n";

        using var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        var response = await monitor.PostAsync(new Uri("/api/v1/monitoring/import/acled", UriKind.Relative), content, Ct);
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, "/problems/validation");

        Assert.Contains("malformed", problem.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(before, await ObservationCountAsync());
    }

    [Fact]
    public async Task An_observation_csv_batch_broken_after_good_rows_is_refused_and_stores_no_observation()
    {
        await app.AgreementAsync();
        using var monitor = await app.MonitorAsync();
        var before = await ObservationCountAsync();
        var source = "fuzz-" + MonitoringTestKit.Unique();
        var at = DateTime.UtcNow.AddHours(-1).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var csv = "sourceKind,source,sourceRef,observedFrom,timePrecision,latitude,longitude,means,type,count\r\n" +
            $"machineFeed,{source},1,{at},exact,47.9,37.52,sensor,explosionImpact,1\r\n" +
            $"machineFeed,{source},2,{at},exact,47.9,37.52,sensor,explosionImpact,1\r\n" +
            $"machineFeed,{source},3,{at},exact,\"47.9,37.52,sensor,explosionImpact,1\r\n";

        var problem = await (await monitor.SendBatchAsync(csv, "text/csv")).ProblemAsync(HttpStatusCode.BadRequest, "/problems/validation");

        Assert.Contains("malformed", problem.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(before, await ObservationCountAsync());
    }

    [Fact]
    public async Task A_json_lines_batch_with_a_deeply_nested_line_rejects_that_line_and_stores_only_the_good_ones_once()
    {
        await app.AgreementAsync();
        using var monitor = await app.MonitorAsync();
        var source = "fuzz-" + MonitoringTestKit.Unique();
        var at = DateTimeOffset.UtcNow.AddHours(-1);
        var good = System.Text.Json.JsonSerializer.Serialize(MonitoringTestKit.Observation(source, "1", 47.9, 37.52, at), RegistryTestClient.Json);
        var nested = "{\"sourceKind\":\"machineFeed\",\"source\":\"" + source + "\",\"sourceRef\":\"2\",\"latitude\":"
            + new string('[', 5000) + new string(']', 5000) + "}";
        var body = good + "\n" + nested + "\n" + good.Replace("\"sourceRef\":\"1\"", "\"sourceRef\":\"3\"", StringComparison.Ordinal) + "\n";

        var result = await (await monitor.SendBatchAsync(body, "application/x-ndjson")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(2, result.GetProperty("stored").GetInt32());
        var rejected = Assert.Single(result.GetProperty("rows").EnumerateArray(), r => r.Str("outcome") == "rejected");
        Assert.Equal(2, rejected.GetProperty("row").GetInt32());
        var stored = await app.DbAsync(db => db.Observations.IgnoreQueryFilters().Where(o => o.Source == source).Select(o => o.SourceRef).OrderBy(r => r).ToListAsync(Ct));
        Assert.Equal(["1", "3"], stored);
    }

    private Task<int> PledgeCountAsync() => app.DbAsync(db => db.Pledges.IgnoreQueryFilters().CountAsync(Ct));

    private Task<int> ObservationCountAsync() => app.DbAsync(db => db.Observations.IgnoreQueryFilters().CountAsync(Ct));
}

public sealed class NoPartialWriteTestsOnSqlite(SqliteApp app) : NoPartialWriteTests<SqliteApp>(app);

public sealed class NoPartialWriteTestsOnPostgres(PostgresApp app) : NoPartialWriteTests<PostgresApp>(app);
