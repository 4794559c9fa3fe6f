using System.Net;
using System.Net.Http.Json;
using Entente.Infrastructure.Labels;
using Entente.Testing;
using Microsoft.Data.Sqlite;

namespace Entente.Tests.Reliability;

/// <summary>A SQLite host whose writes give up waiting for the database's lock after one second (thirty by default).</summary>
public sealed class ImpatientSqliteApp : SqliteApp
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["ConnectionStrings:Entente"] = new SqliteConnectionStringBuilder(ConnectionString) { DefaultTimeout = 1 }.ToString(),
    };
}

/// <summary>
/// Under a burst of writes on the embedded database a write may wait for the lock until its timeout. That is not a
/// conflict with stored data (409 would tell the client its request is wrong): it is a busy database, answered 503
/// with Retry-After, and the same request succeeds once the lock is free.
/// </summary>
public sealed class BusyDatabaseTests(ImpatientSqliteApp app) : IClassFixture<ImpatientSqliteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_write_that_waits_too_long_for_a_busy_SQLite_database_answers_503_with_Retry_After_and_succeeds_when_retried()
    {
        using var client = await app.ClientAsync("Delegate", "GBR", ClassificationLevels.Confidential);
        var action = new { title = "Report on the delivery of the air defence package", owner = new { member = "GBR" }, dueOn = "2027-01-15", label = new { classification = "RESTRICTED" } };

        await using (var holder = new SqliteConnection(app.ConnectionString))
        {
            await holder.OpenAsync(Ct);

            // BEGIN IMMEDIATE: another writer holds the write lock, as a long batch ingest does.
            await using var transaction = holder.BeginTransaction(deferred: false);

            using var busy = await client.PostAsJsonAsync(new Uri("/api/v1/actions", UriKind.Relative), action, Ct);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
            Assert.True(busy.Headers.Contains("Retry-After"));
            await transaction.RollbackAsync(Ct);
        }

        using var retried = await client.PostAsJsonAsync(new Uri("/api/v1/actions", UriKind.Relative), action, Ct);
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
    }
}
