using System.Net;
using System.Text.Json;
using Entente.Testing;
using Entente.Tests.Registry;

namespace Entente.Tests.Summits;

/// <summary>A host whose silence job does not run by itself: the tests drive its tick with their own clock.</summary>
public class ProceduresSqliteApp : SqliteApp
{
    protected override IReadOnlyDictionary<string, string?> Settings =>
        new Dictionary<string, string?> { ["Entente:Summits:SilenceJob:Run"] = "false" };
}

/// <summary>The PostgreSQL twin of <see cref="ProceduresSqliteApp"/>.</summary>
public class ProceduresPostgresApp : PostgresApp
{
    protected override IReadOnlyDictionary<string, string?> Settings =>
        new Dictionary<string, string?> { ["Entente:Summits:SilenceJob:Run"] = "false" };
}

/// <summary>A clock the test sets; the silence job's tick reads it.</summary>
public sealed class ProceduresClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

internal static class ProceduresTestKit
{
    /// <summary>A word no other test uses, to find this test's records with the search.</summary>
    public static string Marker() => "Qv" + Guid.NewGuid().ToString("N")[..10];

    public static async Task<Guid> DraftAsync(HttpClient secretariat, string title, string text, object? label = null)
    {
        var created = await (await secretariat.PostJsonAsync("/api/v1/proposals", new
        {
            title,
            text,
            label = label ?? RegistryTestClient.PublicLabel,
        })).JsonAsync(HttpStatusCode.Created);
        return created.GetProperty("id").GetGuid();
    }

    public static async Task<JsonElement> OpenSilenceAsync(HttpClient secretariat, Guid id, DateTimeOffset deadline) =>
        await (await secretariat.PostJsonAsync($"/api/v1/proposals/{id}/silence", new { deadline = deadline.ToString("O") }))
            .JsonAsync(HttpStatusCode.OK);
}
