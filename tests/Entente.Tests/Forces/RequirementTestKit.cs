using System.Net;
using System.Text.Json;
using Entente.Tests.Registry;

namespace Entente.Tests.Forces;

/// <summary>Requirement lines as clients send them.</summary>
internal static class RequirementTestKit
{
    public static object Line(
        string capability = "mechanisedInfantry", string sector = "KYIV", int minimum = 1, int desired = 2, string startsOn = "2027-03-01",
        string endsOn = "2027-08-31", string priority = "high", string[]? tasks = null, int notice = 30, object? label = null,
        string unitType = "mechanised infantry battalion", string readiness = "ready") => new
    {
        capability,
        unitType,
        minimumQuantity = minimum,
        desiredQuantity = desired,
        noticeToMoveDays = notice,
        minimumReadiness = readiness,
        sectorCode = sector,
        startsOn,
        endsOn,
        priority,
        tasks = tasks ?? ["deterrence", "patrolling"],
        requiredRoe = "forceProtection",
        requiredCommand = "tacticalControl",
        notes = "Reassurance presence around the capital.",
        label = label ?? RegistryTestClient.PublicLabel,
    };

    public static async Task<JsonElement> AddLineAsync(this HttpClient client, object body) =>
        await (await client.PostJsonAsync("/api/v1/requirements", body)).JsonAsync(HttpStatusCode.Created);

    public static Guid Id(this JsonElement line) => line.GetProperty("id").GetGuid();

    /// <summary>The same body with some properties replaced or added.</summary>
    public static Dictionary<string, object?> With(object body, params (string Name, object? Value)[] changes)
    {
        var map = JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(body, RegistryTestClient.Json), RegistryTestClient.Json)!;
        foreach (var (name, value) in changes)
        {
            map[name] = value;
        }

        return map;
    }
}
