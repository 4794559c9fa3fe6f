using System.Net;
using System.Text.Json;
using Entente.Tests.Registry;

namespace Entente.Tests.Summits;

/// <summary>Action items as clients send them, and a clock the tests move by hand.</summary>
internal static class ActionTestKit
{
    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static object Action(string member, DateOnly? dueOn = null, object? label = null, string? title = null, Guid? decision = null) => new
    {
        title = title ?? "Report national air-defence deliveries to the Secretariat",
        description = "Figures by system and month, for the next leaders' meeting.",
        origin = decision is { } id
            ? new { kind = "decision", id = (Guid?)id, title = "Decision on air-defence coordination" }
            : new { kind = "other", id = (Guid?)null, title = "Paris leaders' meeting follow-up" },
        owner = new { member, name = "Head of delegation" },
        dueOn = Iso(dueOn ?? Today.AddDays(10)),
        label = label ?? RegistryTestClient.PublicLabel,
    };

    public static async Task<JsonElement> CreateAsync(this HttpClient client, object body) =>
        await (await client.PostJsonAsync("/api/v1/actions", body)).JsonAsync(HttpStatusCode.Created);

    public static Guid Id(this JsonElement action) => action.GetProperty("id").GetGuid();
}

/// <summary>A clock that says what the test tells it.</summary>
internal sealed class SettableTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
