using System.Net;
using System.Text.Json;
using Entente.Infrastructure.Labels;
using Entente.Modules.Identity.Domain;
using Entente.Testing;
using Entente.Tests.Forces;
using Entente.Tests.Registry;

namespace Entente.Tests.Sharing;

internal static class SharingTestKit
{
    public static string UniqueName(string stem) => stem + " " + Guid.NewGuid().ToString("N")[..8];

    public static async Task<JsonElement> CreateGroupAsync(this HttpClient client, string name, bool hideMembers = false) =>
        await (await client.PostJsonAsync("/api/v1/sharing-groups", new { name, description = "Test group.", hideMembers })).JsonAsync(HttpStatusCode.Created);

    public static Task<HttpResponseMessage> AddMemberAsync(this HttpClient client, Guid group, string member, bool canExtend = false) =>
        client.PostJsonAsync($"/api/v1/sharing-groups/{group}/members", new { memberCode = member, canExtend });

    /// <summary>An offer of <paramref name="member"/> recorded by its delegate under <paramref name="label"/>; returns its id.</summary>
    public static async Task<Guid> OfferUnderAsync(this HttpClient memberDelegate, string member, object label) =>
        (await memberDelegate.RecordAsync(OfferTestKit.Offer(member, o => o["label"] = label))).GetProperty("id").GetGuid();

    /// <summary>A releaser of <paramref name="member"/> (two-factor enrolled, as the role requires) and its client.</summary>
    public static async Task<(TestUser User, HttpClient Client)> ReleaserAsync(this EntenteApp app, string member, int clearance = ClassificationLevels.Secret)
    {
        var user = await app.CreateUserAsync(Roles.Releaser, member, clearance, twoFactor: true);
        return (user, await app.ClientAsync(user));
    }

    public static Task<HttpResponseMessage> RequestReleaseAsync(this HttpClient client, Guid offer, object label, string justification = "Partners need it for planning.") =>
        client.PostJsonAsync("/api/v1/releases", new { kind = "offer", id = offer, label, justification });

    public static Task<HttpResponseMessage> ApproveAsync(this HttpClient client, Guid release) =>
        client.PostJsonAsync($"/api/v1/releases/{release}/approve", new { });
}
