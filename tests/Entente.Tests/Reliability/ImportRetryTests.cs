using System.Net;
using System.Net.Http.Headers;
using Entente.Testing;
using Microsoft.EntityFrameworkCore;
using static Entente.Tests.Ledger.LedgerFiles;
using static Entente.Tests.Registry.RegistryTestClient;

namespace Entente.Tests.Reliability;

/// <summary>
/// A pledge import whose response was lost (the connection dropped, the host was killed after the commit) can be
/// sent again with the same Idempotency-Key without recording its pledges twice.
/// </summary>
public abstract class ImportRetryTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    [Fact]
    public async Task An_import_sent_again_with_the_same_idempotency_key_stores_its_pledges_once_and_replays_the_first_answer()
    {
        using var secretariat = await app.SecretariatAsync();
        var marker = "Retry " + Guid.NewGuid().ToString("N")[..8];
        var file = Csv(Row(measure: marker + " air defence"), Row(measure: marker + " ammunition", value: "2,000,000.00"));
        const string boundary = "retry-boundary";

        async Task<HttpResponseMessage> SendAsync()
        {
            var content = new MultipartFormDataContent(boundary);
            var part = new ByteArrayContent(file);
            part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            content.Add(part, "file", "pledges.csv");
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/ledger/imports", UriKind.Relative)) { Content = content };
            request.Headers.Add("Idempotency-Key", "import-" + marker.Replace(' ', '-'));
            return await secretariat.SendAsync(request, Ct);
        }

        var first = await (await SendAsync()).JsonAsync(HttpStatusCode.Created);
        var again = await SendAsync();
        var replayed = await again.JsonAsync(HttpStatusCode.Created);

        Assert.True(again.Headers.TryGetValues("Idempotent-Replayed", out var flag) && flag.Single() == "true");
        Assert.Equal(first.GetRawText(), replayed.GetRawText());
        var stored = await app.DbAsync(db => db.Pledges.IgnoreQueryFilters().CountAsync(p => p.Measure.StartsWith(marker), Ct));
        Assert.Equal(2, stored);
    }
}

public sealed class ImportRetryTestsOnSqlite(SqliteApp app) : ImportRetryTests<SqliteApp>(app);

public sealed class ImportRetryTestsOnPostgres(PostgresApp app) : ImportRetryTests<PostgresApp>(app);
