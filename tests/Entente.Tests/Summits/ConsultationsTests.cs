using System.Net;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Modules.Monitoring.Domain;
using Entente.Testing;
using Entente.Tests.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Entente.Tests.Summits.ProceduresTestKit;

namespace Entente.Tests.Summits;

public abstract class ConsultationsTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    private static readonly string[] FraAndGbr = ["FRA", "GBR"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>An alert raised by a rule, stored as the alert job would, with <paramref name="label"/>.</summary>
    private Task<Guid> RaiseAlertAsync(string headline, Label label) => app.AsSystemAsync(async sp =>
    {
        var db = sp.GetRequiredService<EntenteDbContext>();
        var now = DateTime.UtcNow;
        var rule = AlertRule.Create($"{headline} rule", AlertRuleKind.ViolationCount, null, null, 60, 3, 2, label, now, "system").Value!;
        var alert = new Alert(rule, Guid.NewGuid().ToString("N"), now.AddHours(-1), now, 5, headline, "Five violations within an hour.", 48.0, 37.5, null,
            label, now);
        db.AlertRules.Add(rule);
        db.Alerts.Add(alert);
        await db.SaveChangesAsync(Ct);
        return alert.Id;
    });

    private Task<int> CountAsync(string marker) => app.AsSystemAsync(async sp =>
    {
        var db = sp.GetRequiredService<EntenteDbContext>();
        return await db.Meetings.CountAsync(m => m.Title.Contains(marker), Ct)
            + await db.Proposals.CountAsync(p => p.Title.Contains(marker), Ct)
            + await db.Consultations.CountAsync(c => c.OriginTitle.Contains(marker), Ct);
    });

    private static object Consultation(string kind, Guid originId, string title, DateTimeOffset? meetingAt, DateTimeOffset? deadline) => new
    {
        originKind = kind,
        originId,
        title,
        text = "The coalition condemns the shelling and asks the monitoring mission to report within 24 hours.",
        meeting = meetingAt is { } at ? new { startsAt = at } : null,
        silence = deadline is { } d ? new { deadline = d.ToString("O") } : null,
    };

    [Fact]
    public async Task A_consultation_from_an_alert_opens_an_online_meeting_and_a_silence_procedure_linked_to_the_alert_in_one_request()
    {
        using var secretariat = await app.SecretariatAsync();
        var marker = Marker();
        var alertId = await RaiseAlertAsync($"{marker} shelling near the line", Label.Create(ClassificationLevels.Restricted));

        var opened = await (await secretariat.PostJsonAsync("/api/v1/consultations",
                Consultation("alert", alertId, $"{marker} common response", DateTimeOffset.UtcNow.AddHours(3), DateTimeOffset.UtcNow.AddHours(6))))
            .JsonAsync(HttpStatusCode.Created);

        Assert.Equal("alert", opened.Str("originKind"));
        Assert.Equal(alertId.ToString(), opened.Str("originId"));
        Assert.Contains("shelling near the line", opened.Str("originTitle"), StringComparison.Ordinal);
        var meeting = await (await secretariat.GetPathAsync($"/api/v1/meetings/{opened.Str("meetingId")}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("online", meeting.GetProperty("meeting").Str("format"));
        Assert.Equal("seniorOfficials", meeting.GetProperty("meeting").Str("level"));
        Assert.Equal("RESTRICTED", meeting.GetProperty("meeting").GetProperty("label").Str("classification"));
        var proposal = await (await secretariat.GetPathAsync($"/api/v1/proposals/{opened.Str("proposalId")}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("inConsultation", proposal.Str("status"));
        Assert.Equal("silence", proposal.Str("procedure"));
        Assert.Equal(opened.Str("meetingId"), proposal.Str("meetingId"));
    }

    [Fact]
    public async Task The_secretariat_opens_a_consultation_from_the_alerts_page_with_one_prefilled_form()
    {
        using var secretariat = await app.SecretariatAsync();
        var marker = Marker();
        var alertId = await RaiseAlertAsync($"{marker} artillery fire", Label.Create(ClassificationLevels.Restricted));
        var (_, alerts) = await PageForms.GetPageAsync(secretariat, "/monitoring/alerts");
        var form = $"/summits/consultations/new?originKind=alert&originId={alertId}";

        // The page lists the newest alerts; other tests' clocks may put theirs first, so any alert's button will do.
        Assert.Contains("/summits/consultations/new?originKind=alert&originId=", alerts, StringComparison.Ordinal);

        var (_, html) = await PageForms.GetPageAsync(secretariat, form);
        Assert.Contains($"Urgent consultation: {marker} artillery fire", html, StringComparison.Ordinal);
        var submitted = await PageForms.PostFormAsync(secretariat, form, "open-consultation",
            ("Input.Title", $"Urgent consultation: {marker} artillery fire"), ("Input.Text", "The coalition condemns the fire."),
            ("Input.WithMeeting", "true"), ("Input.MeetingInHours", "2"), ("Input.WithSilence", "true"), ("Input.SilenceHours", "6"),
            ("Input.Label.Classification", "RESTRICTED"));

        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Contains("/summits/proposals/", submitted.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
        var stored = await app.DbAsync(db => db.Consultations.SingleAsync(c => c.OriginId == alertId, Ct));
        Assert.NotNull(stored.MeetingId);
        Assert.NotNull(stored.ProposalId);
    }

    [Fact]
    public async Task A_consultation_with_bad_input_stores_nothing()
    {
        using var secretariat = await app.SecretariatAsync();
        var marker = Marker();
        var alertId = await RaiseAlertAsync($"{marker} drone strike", Label.Create(ClassificationLevels.Restricted));
        var hidden = await RaiseAlertAsync($"{marker} hidden", Label.Create(ClassificationLevels.Restricted, ["POL"], originator: "POL"));
        var soon = DateTimeOffset.UtcNow.AddHours(2);

        var past = await secretariat.PostJsonAsync("/api/v1/consultations",
            Consultation("alert", alertId, $"{marker} response", soon, DateTimeOffset.UtcNow.AddHours(-1)));
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.Contains("future", await past.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var nothing = await secretariat.PostJsonAsync("/api/v1/consultations", Consultation("alert", alertId, $"{marker} response", null, null));
        Assert.Equal(HttpStatusCode.BadRequest, nothing.StatusCode);
        var unknown = await secretariat.PostJsonAsync("/api/v1/consultations",
            Consultation("alert", Guid.NewGuid(), $"{marker} response", soon, soon.AddHours(4)));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);

        using var fraSecretariat = await app.ClientAsync("Secretariat", "FRA", ClassificationLevels.Secret);
        var unseen = await fraSecretariat.PostJsonAsync("/api/v1/consultations",
            Consultation("alert", hidden, $"{marker} response", soon, soon.AddHours(4)));
        Assert.Equal(HttpStatusCode.NotFound, unseen.StatusCode);

        var wider = await secretariat.PostJsonAsync("/api/v1/consultations", new
        {
            originKind = "alert", originId = alertId, title = $"{marker} response", text = "Draft.", label = RegistryTestClient.PublicLabel,
            silence = new { deadline = soon.AddHours(4).ToString("O") },
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wider.StatusCode);

        Assert.Equal(0, await CountAsync(marker));
    }

    [Fact]
    public async Task A_delegate_cannot_open_a_consultation()
    {
        using var fra = await app.DelegateAsync("FRA", ClassificationLevels.Confidential);
        var marker = Marker();
        var alertId = await RaiseAlertAsync($"{marker} incident", Label.Create(ClassificationLevels.Restricted));

        var refused = await fra.PostJsonAsync("/api/v1/consultations",
            Consultation("alert", alertId, $"{marker} response", DateTimeOffset.UtcNow.AddHours(2), DateTimeOffset.UtcNow.AddHours(6)));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(0, await CountAsync(marker));
    }

    [Fact]
    public async Task The_delegate_home_page_lists_a_silence_procedure_released_to_its_member_and_not_to_others()
    {
        using var secretariat = await app.SecretariatAsync();
        using var fra = await app.DelegateAsync("FRA", ClassificationLevels.Confidential);
        using var pol = await app.DelegateAsync("POL", ClassificationLevels.Confidential);
        var marker = Marker();
        var id = await DraftAsync(secretariat, $"{marker} statement on the grain corridor", "The coalition supports the corridor.",
            new { classification = "RESTRICTED", releasableTo = FraAndGbr });
        await OpenSilenceAsync(secretariat, id, DateTimeOffset.UtcNow.AddHours(6));

        var home = WebUtility.HtmlDecode(await (await fra.GetPathAsync("/")).Content.ReadAsStringAsync(Ct));
        var other = WebUtility.HtmlDecode(await (await pol.GetPathAsync("/")).Content.ReadAsStringAsync(Ct));

        Assert.Contains($"{marker} statement on the grain corridor", home, StringComparison.Ordinal);
        Assert.Contains($"/summits/proposals/{id}", home, StringComparison.Ordinal);
        Assert.Contains("silence breaks at", home, StringComparison.Ordinal);
        Assert.DoesNotContain(marker, other, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_decision_page_lists_the_action_items_that_follow_from_it()
    {
        using var secretariat = await app.SecretariatAsync();
        var marker = Marker();
        var id = await DraftAsync(secretariat, $"{marker} air defence package", "Members deliver air defence interceptors.");
        await (await secretariat.PostJsonAsync($"/api/v1/proposals/{id}/consensus", new { quorumCount = 1 })).JsonAsync(HttpStatusCode.OK);
        using var fra = await app.DelegateAsync("FRA", ClassificationLevels.Confidential);
        await (await fra.PostJsonAsync($"/api/v1/proposals/{id}/positions", new { stance = "support" })).JsonAsync(HttpStatusCode.OK);
        await (await secretariat.PostJsonAsync($"/api/v1/proposals/{id}/conclusion", new { })).JsonAsync(HttpStatusCode.OK);
        var decisionId = (await app.DbAsync(db => db.Decisions.SingleAsync(d => d.ProposalId == id, Ct))).Id.ToString();
        await secretariat.CreateAsync(ActionTestKit.Action("FRA", title: $"{marker} deliver interceptors", decision: Guid.Parse(decisionId)));

        var page = WebUtility.HtmlDecode(await (await secretariat.GetPathAsync($"/summits/decisions/{decisionId}")).Content.ReadAsStringAsync(Ct));

        Assert.Contains($"{marker} deliver interceptors", page, StringComparison.Ordinal);
        Assert.Contains($"/summits/actions/new?originKind=decision&originId={decisionId}", page, StringComparison.Ordinal);
    }
}

public sealed class ConsultationsTestsOnSqlite(SqliteApp app) : ConsultationsTests<SqliteApp>(app);

public sealed class ConsultationsTestsOnPostgres(PostgresApp app) : ConsultationsTests<PostgresApp>(app);
