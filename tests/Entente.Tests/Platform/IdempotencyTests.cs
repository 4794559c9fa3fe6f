using System.Net;
using System.Net.Http.Json;
using Entente.Infrastructure.Labels;
using Entente.Testing;
using Entente.Tests.Ledger;
using Entente.Tests.Registry;

namespace Entente.Tests.Platform;

public abstract class IdempotencyTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<HttpResponseMessage> PostWithKeyAsync(HttpClient client, string path, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = JsonContent.Create(body, options: RegistryTestClient.Json),
        };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request, Ct);
    }

    [Fact]
    public async Task A_retried_write_with_the_same_key_is_stored_once_and_answered_the_same()
    {
        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        var key = Guid.NewGuid().ToString();
        var measure = "Idempotent measure " + key;
        var body = LedgerTestKit.Pledge("GBR", with: new Dictionary<string, object?> { ["measure"] = measure });

        var first = await PostWithKeyAsync(gbr, "/api/v1/pledges", body, key);
        var firstBody = await first.JsonAsync(HttpStatusCode.Created);
        var second = await PostWithKeyAsync(gbr, "/api/v1/pledges", body, key);
        var secondBody = await second.JsonAsync(HttpStatusCode.Created);

        Assert.Equal(firstBody.Id(), secondBody.Id());
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.True(second.Headers.TryGetValues("Idempotent-Replayed", out var replayed) && replayed.Single() == "true");
        var stored = await app.DbAsync(db => Task.FromResult(db.Pledges.Count(p => p.Measure == measure)));
        Assert.Equal(1, stored);

        // A transition retried with its key is recorded once as well.
        var id = firstBody.Id();
        var step = new { stage = "committed", on = "2025-04-01", source = LedgerTestKit.Source(date: "2025-04-01") };
        var stepKey = Guid.NewGuid().ToString();
        await (await PostWithKeyAsync(gbr, $"/api/v1/pledges/{id}/transitions", step, stepKey)).JsonAsync(HttpStatusCode.Created);
        var again = await (await PostWithKeyAsync(gbr, $"/api/v1/pledges/{id}/transitions", step, stepKey)).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(2, again.GetProperty("transitions").GetArrayLength());
        var detail = await (await gbr.GetPathAsync($"/api/v1/pledges/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, detail.GetProperty("transitions").GetArrayLength());
    }

    [Fact]
    public async Task The_same_key_with_a_different_request_is_refused_and_keys_are_per_user()
    {
        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        var key = Guid.NewGuid().ToString();
        await (await PostWithKeyAsync(gbr, "/api/v1/pledges", LedgerTestKit.Pledge("GBR"), key)).JsonAsync(HttpStatusCode.Created);
        var other = LedgerTestKit.Pledge("GBR", with: new Dictionary<string, object?> { ["amount"] = 1_00L });
        await (await PostWithKeyAsync(gbr, "/api/v1/pledges", other, key)).ProblemAsync(HttpStatusCode.UnprocessableEntity, "/problems/idempotency.key-reused");

        using var anotherGbrUser = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        await (await PostWithKeyAsync(anotherGbrUser, "/api/v1/pledges", other, key)).JsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_refused_write_is_replayed_as_refused_and_a_bad_key_is_a_clear_error()
    {
        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        var bad = LedgerTestKit.Pledge("GBR", with: new Dictionary<string, object?> { ["currency"] = "XYZ" });
        var key = Guid.NewGuid().ToString();
        await (await PostWithKeyAsync(gbr, "/api/v1/pledges", bad, key)).ProblemAsync(HttpStatusCode.BadRequest, "/problems/ledger.currency-unknown");
        await (await PostWithKeyAsync(gbr, "/api/v1/pledges", bad, key)).ProblemAsync(HttpStatusCode.BadRequest, "/problems/ledger.currency-unknown");

        await (await PostWithKeyAsync(gbr, "/api/v1/pledges", bad, new string('k', 201))).ProblemAsync(HttpStatusCode.BadRequest, "/problems/idempotency.key-invalid");
        await (await PostWithKeyAsync(gbr, "/api/v1/pledges", bad, "with space")).ProblemAsync(HttpStatusCode.BadRequest, "/problems/idempotency.key-invalid");
    }
}

public sealed class IdempotencyTestsOnSqlite(SqliteApp app) : IdempotencyTests<SqliteApp>(app);

public sealed class IdempotencyTestsOnPostgres(PostgresApp app) : IdempotencyTests<PostgresApp>(app);
