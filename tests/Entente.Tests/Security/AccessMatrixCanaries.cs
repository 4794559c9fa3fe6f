using System.Net;
using System.Text.Json;
using Entente.Tests.Forces;
using Entente.Tests.Ledger;
using Entente.Tests.Monitoring;
using Entente.Tests.Registry;
using Entente.Tests.Sharing;
using Entente.Tests.Summits;

namespace Entente.Tests.Security;

/// <summary>
/// The labels a canary carries. Each is one that no caller of the access matrix satisfies, for a different reason.
/// </summary>
internal enum CanaryLabel
{
    /// <summary>SECRET, releasable to the delegations the matrix acts for: only their clearance is too low.</summary>
    AboveClearance,

    /// <summary>RESTRICTED, releasable only to the canaries' member.</summary>
    ReleasableToAnotherMember,

    /// <summary>RESTRICTED, within a sharing group none of the callers' members is in.</summary>
    OutsideSharingGroup,
}

/// <summary>What a canary factory gets: the privileged client creating it, its label as the API takes it, and its marker.</summary>
internal sealed record CanarySpec(HttpClient Creator, CanaryLabel Kind, object Label, string Marker, string Member);

/// <summary>
/// One factory per record kind: creates, through the API, a record that carries <see cref="CanarySpec.Marker"/> in its text
/// and returns its id. To cover a new kind of record, add one line to <see cref="All"/>.
/// </summary>
internal static class AccessMatrixCanaries
{
    // Declared before All: static fields initialise in order.
    private static readonly CanaryLabel[] AnyLabel = Enum.GetValues<CanaryLabel>();

    public static IReadOnlyList<(string Kind, Func<CanarySpec, Task<string>> Create, CanaryLabel[] Labels)> All { get; } =
    [
        ("pledge", Pledge, AnyLabel),
        ("member", Organisation, AnyLabel),
        ("meeting", Meeting, AnyLabel),
        ("proposal", Proposal, AnyLabel),
        ("action-item", ActionItem, AnyLabel),
        ("offer", Offer, AnyLabel),
        ("requirement", Requirement, AnyLabel),
        ("conference", Conference, AnyLabel),
        ("agreement", Agreement, AnyLabel),
        // The observation batch takes a classification and a releasability, not a sharing group.
        ("observation", Observation, [CanaryLabel.AboveClearance, CanaryLabel.ReleasableToAnotherMember]),
        ("document", Document, AnyLabel),
        ("message", Message, AnyLabel),
    ];

    /// <summary>A document uploaded as a multipart form, its label given field by field.</summary>
    private static async Task<string> Document(CanarySpec c)
    {
        using var label = JsonDocument.Parse(JsonSerializer.Serialize(c.Label));
        var fields = label.RootElement.EnumerateObject()
            .Select(p => ("label." + p.Name, p.Value.ValueKind == JsonValueKind.Array
                ? string.Join(',', p.Value.EnumerateArray().Select(v => v.GetString()))
                : p.Value.ToString()))
            .ToArray();
        var created = await (await c.Creator.UploadAsync($"Canary document {c.Marker}", "canary.txt", "text/plain",
            System.Text.Encoding.UTF8.GetBytes($"Canary text {c.Marker}"), fields)).JsonAsync(HttpStatusCode.Created);
        return created.Str("id");
    }

    /// <summary>
    /// A message the callers may not read in the thread of a meeting they read (RESTRICTED, released to every member): the thread, its count and the
    /// recent-threads list must look the same to them with or without it. The meeting is one the world already has,
    /// so that adding the canary adds nothing visible.
    /// </summary>
    private static async Task<string> Message(CanarySpec c)
    {
        var meetings = await (await c.Creator.GetPathAsync("/api/v1/meetings?pageSize=100")).JsonAsync(HttpStatusCode.OK);
        var open = meetings.GetProperty("items").EnumerateArray().First(m =>
            m.GetProperty("label").Str("classification") is "PUBLIC" or "RESTRICTED" && m.GetProperty("label").GetProperty("releasableTo").GetArrayLength() == 0
            && m.GetProperty("label").GetProperty("sharingGroupId").ValueKind == JsonValueKind.Null);
        var body = new { kind = "meeting", id = open.Str("id"), body = $"Canary message {c.Marker}", label = c.Label };
        return (await (await c.Creator.PostJsonAsync("/api/v1/messages", body)).JsonAsync(HttpStatusCode.Created)).Str("id");
    }

    private static async Task<string> Pledge(CanarySpec c) =>
        LedgerTestKit.Id(await LedgerTestKit.RecordAsync(c.Creator, LedgerTestKit.Pledge(c.Member, c.Label, new Dictionary<string, object?>
        {
            ["measure"] = $"Canary measure {c.Marker}",
            ["item"] = $"Canary item {c.Marker}",
            ["currency"] = "EUR",
        })));

    private static async Task<string> Organisation(CanarySpec c) =>
        await c.Creator.RegisterOrganisationAsync($"Canary organisation {c.Marker}", c.Label);

    private static async Task<string> Meeting(CanarySpec c) =>
        MeetingsTestKit.MeetingId(await MeetingsTestKit.PlanAsync(c.Creator, MeetingsTestKit.Meeting(MeetingsTestKit.Slot(), new Dictionary<string, object?>
        {
            ["title"] = $"Canary meeting {c.Marker}",
            ["hostMember"] = c.Member,
            ["coChairs"] = new[] { c.Member },
            ["invited"] = new[] { c.Member, "GBR", "POL", "LTU" },
            ["label"] = c.Label,
        })));

    private static async Task<string> Proposal(CanarySpec c) =>
        (await ProceduresTestKit.DraftAsync(c.Creator, $"Canary proposal {c.Marker}", $"Canary text {c.Marker}", c.Label)).ToString("D");

    private static async Task<string> ActionItem(CanarySpec c) =>
        ActionTestKit.Id(await ActionTestKit.CreateAsync(c.Creator, ActionTestKit.Action(c.Member, label: c.Label, title: $"Canary action {c.Marker}"))).ToString("D");

    private static async Task<string> Offer(CanarySpec c) =>
        RequirementTestKit.Id(await OfferTestKit.RecordAsync(c.Creator, OfferTestKit.Offer(c.Member, o =>
        {
            o["unitType"] = $"Canary unit {c.Marker}";
            o["notes"] = $"Canary notes {c.Marker}";
            o["label"] = c.Label;
        }))).ToString("D");

    private static async Task<string> Requirement(CanarySpec c) =>
        RequirementTestKit.Id(await RequirementTestKit.AddLineAsync(c.Creator, RequirementTestKit.With(RequirementTestKit.Line(label: c.Label, unitType: $"Canary line {c.Marker}"),
            ("notes", $"Canary notes {c.Marker}")))).ToString("D");

    private static async Task<string> Conference(CanarySpec c)
    {
        var body = new { title = $"Canary conference {c.Marker}", heldOn = OfferTestKit.Iso(OfferTestKit.Today), venue = $"Canary venue {c.Marker}", online = true, label = c.Label };
        return (await (await c.Creator.PostJsonAsync("/api/v1/force-generation/conferences", body)).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetString()!;
    }

    private static async Task<string> Agreement(CanarySpec c)
    {
        var code = "CF-" + c.Marker[..8].ToUpperInvariant();
        var body = new
        {
            code,
            name = $"Canary ceasefire {c.Marker}",
            parties = $"Canary parties {c.Marker}",
            terms = $"Canary terms {c.Marker}",
            startsAt = DateTimeOffset.UtcNow.AddDays(-400),
            endsAt = DateTimeOffset.UtcNow.AddDays(-370),
            label = c.Label,
            zones = MonitoringTestKit.Zones(),
        };
        return (await (await c.Creator.PostJsonAsync("/api/v1/agreements", body)).JsonAsync(HttpStatusCode.Created)).GetProperty("agreement").Str("id");
    }

    private static async Task<string> Observation(CanarySpec c)
    {
        var row = MonitoringTestKit.Observation($"canary-{c.Marker}", c.Marker, 47.9, 37.61, DateTimeOffset.UtcNow.AddHours(-3),
            classification: c.Kind == CanaryLabel.AboveClearance ? "SECRET" : "RESTRICTED");
        row["releasableTo"] = c.Kind == CanaryLabel.AboveClearance ? $"{c.Member},GBR,POL,LTU" : c.Member;
        row["notes"] = $"Canary observation {c.Marker}";
        var result = await c.Creator.BatchAsync([row]);
        var text = result.GetRawText();
        using var doc = JsonDocument.Parse(text);
        return FindId(doc.RootElement) ?? throw new InvalidOperationException($"The observation batch answered no id: {text}");
    }

    private static string? FindId(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name is "id" or "observationId" && property.Value.ValueKind == JsonValueKind.String)
                    {
                        return property.Value.GetString();
                    }

                    if (FindId(property.Value) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Array:
                return element.EnumerateArray().Select(FindId).FirstOrDefault(id => id is not null);
            default:
                return null;
        }
    }
}
