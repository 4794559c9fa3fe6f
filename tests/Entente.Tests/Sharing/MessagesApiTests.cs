using System.Net;
using System.Text.Json;
using Entente.Infrastructure.Labels;
using Entente.Modules.Sharing.Domain;
using Entente.Testing;
using Entente.Tests.Registry;
using Entente.Tests.Summits;
using Microsoft.EntityFrameworkCore;

namespace Entente.Tests.Sharing;

public abstract class MessagesApiTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    private static readonly string[] France = ["FRA"];
    private static readonly string[] FranceAndBritain = ["FRA", "GBR"];

    private async Task<string> MeetingAsync(object label)
    {
        using var secretariat = await app.SecretariatAsync();
        var meeting = MeetingsTestKit.Meeting(MeetingsTestKit.Slot(), new Dictionary<string, object?> { ["label"] = label });
        return (await secretariat.PlanAsync(meeting)).MeetingId();
    }

    private static async Task<JsonElement> PostAsync(HttpClient client, string meetingId, string body, object? label = null, string? replyTo = null) =>
        await (await client.PostJsonAsync("/api/v1/messages", new { kind = "meeting", id = meetingId, body, label, replyTo }))
            .JsonAsync(HttpStatusCode.Created);

    private static async Task<JsonElement> ThreadAsync(HttpClient client, string meetingId) =>
        await (await client.GetPathAsync($"/api/v1/messages?kind=meeting&id={meetingId}")).JsonAsync(HttpStatusCode.OK);

    private static List<string> Bodies(JsonElement thread) =>
        thread.GetProperty("items").EnumerateArray().Select(m => m.Str("body")).ToList();

    private Task<int> StoredOnAsync(string meetingId) =>
        app.DbAsync(db => db.Messages.IgnoreQueryFilters().CountAsync(m => m.ParentId == Guid.Parse(meetingId), RegistryTestClient.Ct));

    [Fact]
    public async Task A_delegate_posts_on_a_meeting_and_reads_the_thread_oldest_first_with_the_meetings_label_by_default()
    {
        var meeting = await MeetingAsync(new { classification = "RESTRICTED" });
        using var france = await app.DelegateAsync("FRA", ClassificationLevels.Confidential);
        using var britain = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);

        var first = await PostAsync(france, meeting, "  We propose to open with the air policing item.  ");
        await PostAsync(britain, meeting, "Agreed; the UK will brief on the Baltic rotation.", replyTo: first.Str("id"));
        var thread = await ThreadAsync(britain, meeting);

        Assert.Equal(["We propose to open with the air policing item.", "Agreed; the UK will brief on the Baltic rotation."], Bodies(thread));
        Assert.Equal(2, thread.GetProperty("total").GetInt32());
        Assert.Equal("RESTRICTED", first.GetProperty("label").Str("classification"));
        Assert.Equal(first.Str("id"), thread.GetProperty("items")[1].Str("replyToId"));
        Assert.Equal($"/summits/meetings/{meeting}", thread.GetProperty("record").Str("path"));
        var one = await (await france.GetPathAsync("/api/v1/messages/" + first.Str("id"))).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("FRA", one.Str("authorMember"));
    }

    [Fact]
    public async Task A_thread_on_a_meeting_the_caller_cannot_see_is_not_found_exactly_like_a_random_id()
    {
        var hidden = await MeetingAsync(new { classification = "RESTRICTED", releasableTo = FranceAndBritain });
        using var france = await app.DelegateAsync("FRA", ClassificationLevels.Confidential);
        await PostAsync(france, hidden, "Only for France and the UK.");
        using var poland = await app.DelegateAsync("POL", ClassificationLevels.Secret);

        var onHidden = await (await poland.GetPathAsync($"/api/v1/messages?kind=meeting&id={hidden}")).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        var onNothing = await (await poland.GetPathAsync($"/api/v1/messages?kind=meeting&id={Guid.NewGuid()}")).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        var posting = await poland.PostJsonAsync("/api/v1/messages", new { kind = "meeting", id = hidden, body = "Hello?" });

        Assert.Equal(onNothing.Str("detail"), onHidden.Str("detail"));
        await posting.ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        Assert.Equal(1, await StoredOnAsync(hidden));
    }

    [Fact]
    public async Task A_message_labelled_wider_than_its_meeting_is_refused_with_the_reason_and_nothing_is_stored()
    {
        var meeting = await MeetingAsync(new { classification = "RESTRICTED", releasableTo = FranceAndBritain });
        using var france = await app.DelegateAsync("FRA", ClassificationLevels.Confidential);

        var everyMember = await (await france.PostJsonAsync("/api/v1/messages", new { kind = "meeting", id = meeting, body = "To all", label = new { classification = "RESTRICTED" } }))
            .ProblemAsync(HttpStatusCode.BadRequest, "/problems/" + MessageLabels.BelowParentCode);
        var lower = await (await france.PostJsonAsync("/api/v1/messages", new { kind = "meeting", id = meeting, body = "Public", label = new { classification = "PUBLIC", releasableTo = France } }))
            .ProblemAsync(HttpStatusCode.BadRequest, "/problems/" + MessageLabels.BelowParentCode);

        Assert.Contains("releasable to every member", everyMember.Str("detail"), StringComparison.Ordinal);
        Assert.Contains("PUBLIC is below RESTRICTED", lower.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(0, await StoredOnAsync(meeting));
    }

    [Fact]
    public async Task A_confidential_message_for_france_on_a_public_meeting_is_neither_shown_nor_counted_for_britain()
    {
        var meeting = await MeetingAsync(new { classification = "PUBLIC" });
        using var france = await app.DelegateAsync("FRA", ClassificationLevels.Confidential);
        using var britain = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        await PostAsync(britain, meeting, "The agenda is published.");
        var restricted = await PostAsync(france, meeting, "Paris can add a second battalion.", new { classification = "CONFIDENTIAL", releasableTo = France });

        var forBritain = await ThreadAsync(britain, meeting);
        var forFrance = await ThreadAsync(france, meeting);

        Assert.Equal(["The agenda is published."], Bodies(forBritain));
        Assert.Equal(1, forBritain.GetProperty("total").GetInt32());
        Assert.Equal(["The agenda is published.", "Paris can add a second battalion."], Bodies(forFrance));
        Assert.Equal(2, forFrance.GetProperty("total").GetInt32());
        await (await britain.GetPathAsync("/api/v1/messages/" + restricted.Str("id"))).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
    }

    [Fact]
    public async Task Editing_a_message_from_a_stale_version_is_a_conflict_and_keeps_the_first_edit()
    {
        var meeting = await MeetingAsync(new { classification = "RESTRICTED" });
        using var france = await app.DelegateAsync("FRA", ClassificationLevels.Confidential);
        var id = (await PostAsync(france, meeting, "Draft wording")).Str("id");

        var edited = await (await france.PutJsonAsync("/api/v1/messages/" + id, new { body = "Final wording", expectedVersion = 1 })).JsonAsync(HttpStatusCode.OK);
        await (await france.PutJsonAsync("/api/v1/messages/" + id, new { body = "Other wording", expectedVersion = 1 }))
            .ProblemAsync(HttpStatusCode.Conflict, "/problems/sharing.message-version-conflict");

        Assert.Equal(2, edited.GetProperty("version").GetInt32());
        Assert.Equal(1, edited.GetProperty("revisions").GetInt32());
        Assert.Equal(["Final wording"], Bodies(await ThreadAsync(france, meeting)));
    }

    [Fact]
    public async Task The_author_withdraws_a_message_leaving_a_tombstone_and_nobody_else_may()
    {
        var meeting = await MeetingAsync(new { classification = "RESTRICTED" });
        using var france = await app.DelegateAsync("FRA", ClassificationLevels.Confidential);
        using var britain = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        var id = (await PostAsync(france, meeting, "Posted in error")).Str("id");

        await (await britain.DeletePathAsync("/api/v1/messages/" + id)).ProblemAsync(HttpStatusCode.Forbidden, "/problems/sharing.message-not-author");
        var withdrawn = await (await france.DeletePathAsync("/api/v1/messages/" + id)).JsonAsync(HttpStatusCode.OK);
        var thread = await ThreadAsync(britain, meeting);

        Assert.True(withdrawn.GetProperty("withdrawn").GetBoolean());
        var tombstone = Assert.Single(thread.GetProperty("items").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, tombstone.GetProperty("body").ValueKind);
        Assert.True(tombstone.GetProperty("withdrawn").GetBoolean());
    }

    [Fact]
    public async Task A_message_longer_than_the_limit_is_refused_and_nothing_is_stored()
    {
        var meeting = await MeetingAsync(new { classification = "RESTRICTED" });
        using var france = await app.DelegateAsync("FRA", ClassificationLevels.Confidential);

        var problem = await (await france.PostJsonAsync("/api/v1/messages", new { kind = "meeting", id = meeting, body = new string('x', Message.MaxBodyLength + 1) }))
            .JsonAsync(HttpStatusCode.BadRequest);

        Assert.Contains(Message.MaxBodyLength.ToString(System.Globalization.CultureInfo.InvariantCulture), problem.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(0, await StoredOnAsync(meeting));
    }

    [Fact]
    public async Task The_thread_page_of_a_meeting_shows_a_reader_the_thread_without_the_message_released_to_another_member()
    {
        var meeting = await MeetingAsync(new { classification = "PUBLIC" });
        using var france = await app.DelegateAsync("FRA", ClassificationLevels.Confidential);
        using var britain = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        await PostAsync(britain, meeting, "Coffee at nine in the Salon Murat.");
        await PostAsync(france, meeting, "French position on the rotation: see annex.", new { classification = "CONFIDENTIAL", releasableTo = France });

        var forBritain = WebUtility.HtmlDecode(await (await britain.GetPathAsync("/sharing/threads/meeting/" + meeting)).Content.ReadAsStringAsync(RegistryTestClient.Ct));
        var forFrance = WebUtility.HtmlDecode(await (await france.GetPathAsync("/sharing/threads/meeting/" + meeting)).Content.ReadAsStringAsync(RegistryTestClient.Ct));

        Assert.Contains("Coffee at nine in the Salon Murat.", forBritain, StringComparison.Ordinal);
        Assert.Contains("(1 message)", forBritain, StringComparison.Ordinal);
        Assert.DoesNotContain("French position on the rotation", forBritain, StringComparison.Ordinal);
        Assert.Contains("French position on the rotation: see annex.", forFrance, StringComparison.Ordinal);
        Assert.Contains("(2 messages)", forFrance, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_thread_form_explains_a_label_wider_than_the_meeting_and_stores_nothing()
    {
        var meeting = await MeetingAsync(new { classification = "CONFIDENTIAL" });
        using var france = await app.DelegateAsync("FRA", ClassificationLevels.Confidential);

        var (response, html) = await PageForms.SubmitAsync(france, $"/sharing/threads/meeting/{meeting}", "thread-post",
        [
            new("Post.Body", "Should not be stored."), new("Post.ChooseLabel", "true"), new("Post.Label.Classification", "RESTRICTED"),
        ]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("RESTRICTED is below CONFIDENTIAL", html, StringComparison.Ordinal);
        Assert.Contains("Should not be stored.", html, StringComparison.Ordinal);
        Assert.Equal(0, await StoredOnAsync(meeting));
    }

    [Fact]
    public async Task A_delegate_posts_to_a_meetings_thread_from_the_meeting_page_and_finds_the_message_there()
    {
        var meeting = await MeetingAsync(new { classification = "PUBLIC" });
        using var france = await app.DelegateAsync("FRA", ClassificationLevels.Confidential);

        var before = WebUtility.HtmlDecode(await (await france.GetPathAsync($"/summits/meetings/{meeting}")).Content.ReadAsStringAsync(RegistryTestClient.Ct));
        Assert.Contains($"action=\"/sharing/threads/meeting/{meeting}\"", before, StringComparison.Ordinal);

        // The meeting page's thread form posts to the thread page, which returns to the record.
        var (response, _) = await PageForms.SubmitAsync(france, $"/sharing/threads/meeting/{meeting}", "thread-post",
        [
            new("Post.Body", "Interpretation into French is confirmed for both sessions."),
        ]);

        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.OK, $"posting answered {(int)response.StatusCode}: " + string.Join('\n', app.Errors.Latest.TakeLast(2)));
        Assert.Equal(1, await StoredOnAsync(meeting));
        var page = WebUtility.HtmlDecode(await (await france.GetPathAsync($"/summits/meetings/{meeting}")).Content.ReadAsStringAsync(RegistryTestClient.Ct));
        Assert.Contains("Interpretation into French is confirmed for both sessions.", page, StringComparison.Ordinal);
    }
}

public sealed class MessagesApiTestsOnSqlite(SqliteApp app) : MessagesApiTests<SqliteApp>(app);

public sealed class MessagesApiTestsOnPostgres(PostgresApp app) : MessagesApiTests<PostgresApp>(app);
