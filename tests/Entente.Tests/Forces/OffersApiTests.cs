using System.Net;
using Entente.Infrastructure.Labels;
using Entente.Testing;
using Entente.Tests.Registry;
using Microsoft.EntityFrameworkCore;

namespace Entente.Tests.Forces;

public abstract class OffersApiTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    private static readonly object ConfidentialForGbr = new { classification = "CONFIDENTIAL", releasableTo = new[] { "GBR" } };

    [Fact]
    public async Task A_delegate_records_revises_moves_and_withdraws_its_offer_and_every_version_says_who_when_and_why()
    {
        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        var recorded = await gbr.RecordAsync(OfferTestKit.Offer("GBR"));
        var id = recorded.Id();
        Assert.Equal("GBR", recorded.Str("memberCode"));
        Assert.Equal("land", recorded.Str("component"));
        Assert.Equal("2", recorded.Str("readinessCode"));
        Assert.Equal(1, recorded.GetProperty("version").GetInt32());
        var caveats = recorded.GetProperty("caveats");
        Assert.Equal(["CENTRE", "KYIV"], caveats.GetProperty("allowedSectors").EnumerateArray().Select(s => s.GetString()));
        Assert.Contains("Only in Centre, Kyiv", caveats.Str("summary"), StringComparison.Ordinal);
        Assert.Contains("National approval before each use", caveats.Str("summary"), StringComparison.Ordinal);
        Assert.Equal(["usBackstop", "ceasefireInForce"], recorded.GetProperty("conditions").EnumerateArray().Select(c => c.Str("kind")));

        // Without a label the offer is RESTRICTED for the co-chairs, the Secretariat and the offering member.
        var label = recorded.GetProperty("label");
        Assert.Equal("RESTRICTED", label.Str("classification"));
        Assert.Equal(["CSEC", "FRA", "GBR"], label.GetProperty("releasableTo").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("GBR", label.Str("originator"));

        var revised = await (await gbr.PutJsonAsync($"/api/v1/offers/{id}", OfferTestKit.Revision("GBR", 1, "A third battlegroup after the defence review.", o =>
        {
            o["quantity"] = 3;
            o["conditions"] = new object[] { new { kind = "usBackstop" }, new { kind = "memberParticipation", member = "FRA" } };
        }))).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(3, revised.GetProperty("quantity").GetInt32());
        Assert.Equal(2, revised.GetProperty("version").GetInt32());
        Assert.Equal("Only if FRA takes part", revised.GetProperty("conditions")[1].Str("description"));

        // A revision against the version read before is refused, not merged.
        await (await gbr.PutJsonAsync($"/api/v1/offers/{id}", OfferTestKit.Revision("GBR", 1, "Stale edit"))).ProblemAsync(HttpStatusCode.Conflict, "/problems/forces.offer-version-conflict");

        var ready = await (await gbr.PostJsonAsync($"/api/v1/offers/{id}/readiness", new { level = "ready" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("3", ready.Str("readinessCode"));
        Assert.Empty(ready.GetProperty("readinessPlan").EnumerateArray());
        await (await gbr.PostJsonAsync($"/api/v1/offers/{id}/readiness", new { level = "registered" }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "/problems/forces.readiness-backwards-without-reason");
        var down = await (await gbr.PostJsonAsync($"/api/v1/offers/{id}/readiness", new { level = "assessed", reason = "Vehicles returned for repair." }))
            .JsonAsync(HttpStatusCode.OK);
        var history = down.GetProperty("readinessHistory").EnumerateArray().ToList();
        Assert.Equal(["assessed", "ready", "assessed"], history.Select(h => h.Str("level")));
        Assert.Equal("Vehicles returned for repair.", history[2].Str("reason"));
        Assert.All(history, h => Assert.Equal("GBR", h.Str("byMember")));

        var withdrawn = await (await gbr.PostJsonAsync($"/api/v1/offers/{id}/withdraw", new { reason = "Forces needed at home." })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("withdrawn", withdrawn.Str("status"));
        await (await gbr.PutJsonAsync($"/api/v1/offers/{id}", OfferTestKit.Revision("GBR", withdrawn.GetProperty("version").GetInt32(), "Back again"))).ProblemAsync(HttpStatusCode.Conflict, "/problems/forces.offer-withdrawn");

        var versions = (await (await gbr.GetPathAsync($"/api/v1/offers/{id}/versions")).JsonAsync(HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.Equal(["recorded", "revised", "readiness", "readiness", "withdrawn"], versions.Select(v => v.Str("change")));
        Assert.Equal("A third battlegroup after the defence review.", versions[1].Str("reason"));
        Assert.Equal(2, versions[0].GetProperty("offer").GetProperty("quantity").GetInt32());
        Assert.Equal(3, versions[1].GetProperty("offer").GetProperty("quantity").GetInt32());
        Assert.All(versions, v => Assert.False(string.IsNullOrEmpty(v.Str("by"))));
    }

    public static TheoryData<string, string, string> BadOffers => new()
    {
        { "window", "/problems/forces.offer-window-ends-before-start", "end after it starts" },
        { "zero", "/problems/forces.offer-quantity-out-of-range", "offers nothing" },
        { "both", "/problems/forces.contradictory-caveats", "both allowed and refused" },
        { "everyTask", "/problems/forces.contradictory-caveats", "could fill no requirement" },
        { "zeroDuration", "/problems/forces.contradictory-caveats", "at least one day" },
        { "longDuration", "/problems/forces.contradictory-caveats", "longer than the availability window" },
        { "sector", "/problems/forces.unknown-sector", "Not a sector" },
        { "theatre", "/problems/forces.contradictory-caveats", "THEATRE" },
        { "allRefused", "/problems/forces.contradictory-caveats", "serve nowhere" },
        { "unknownMember", "/problems/forces.unknown-member", "not an active member" },
        { "self", "/problems/forces.condition-on-self", "its own member" },
        { "duplicate", "/problems/forces.duplicate-condition", "stated twice" },
        { "mandate", "/problems/validation", "required" },
        { "plan", "/problems/forces.readiness-plan-not-increasing", "higher level" },
        { "offeringMember", "/problems/forces.unknown-member", "not an active member" },
    };

    [Theory]
    [MemberData(nameof(BadOffers))]
    public async Task Bad_input_gets_a_clear_problem_and_stores_nothing(string kind, string type, string says)
    {
        using var secretariat = await app.SecretariatAsync();
        var before = await app.DbAsync(db => db.Offers.CountAsync(TestContext.Current.CancellationToken));
        var body = OfferTestKit.Offer("GBR", o =>
        {
            switch (kind)
            {
                case "window":
                    o["availableUntil"] = OfferTestKit.Iso(OfferTestKit.Today.AddDays(10));
                    break;
                case "zero":
                    o["quantity"] = 0;
                    break;
                case "both":
                    o.Caveats()["refusedSectors"] = new List<string> { "kyiv" };
                    break;
                case "everyTask":
                    o.Caveats()["refusedTasks"] = new List<string> { "deterrence", "combat", "patrolling", "patrollingNearLine", "training" };
                    break;
                case "zeroDuration":
                    o.Caveats()["maxDurationDays"] = 0;
                    break;
                case "longDuration":
                    o.Caveats()["maxDurationDays"] = 1000;
                    break;
                case "sector":
                    o.Caveats()["allowedSectors"] = new List<string> { "CRIMEA" };
                    break;
                case "theatre":
                    o.Caveats()["allowedSectors"] = new List<string> { "THEATRE" };
                    break;
                case "allRefused":
                    o.Caveats()["allowedSectors"] = Array.Empty<string>();
                    o.Caveats()["refusedSectors"] = new List<string> { "KYIV", "WEST", "CENTRE", "NORTH", "EAST", "SOUTH", "ODESA", "BLACKSEA" };
                    break;
                case "unknownMember":
                    o["conditions"] = new object[] { new { kind = "memberParticipation", member = "ZZZ" } };
                    break;
                case "self":
                    o["conditions"] = new object[] { new { kind = "memberParticipation", member = "GBR" } };
                    break;
                case "duplicate":
                    o["conditions"] = new object[] { new { kind = "usBackstop" }, new { kind = "usBackstop" } };
                    break;
                case "mandate":
                    o["conditions"] = new object[] { new { kind = "otherMandate" } };
                    break;
                case "plan":
                    o["readinessPlan"] = new[] { new { level = "registered", expectedOn = OfferTestKit.Iso(OfferTestKit.Today.AddDays(5)) } };
                    break;
                case "offeringMember":
                    o["memberCode"] = "ZZZ";
                    break;
            }
        });

        var problem = await (await secretariat.PostJsonAsync("/api/v1/offers", body)).ProblemAsync(HttpStatusCode.BadRequest, type);
        Assert.Contains(says, problem.Str("detail") + string.Join(" ", problem.TryGetProperty("errors", out var e) ? e.EnumerateObject().SelectMany(p => p.Value.EnumerateArray().Select(x => x.GetString())) : []),
            StringComparison.Ordinal);
        var after = await app.DbAsync(db => db.Offers.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task A_revision_with_bad_input_changes_nothing()
    {
        using var secretariat = await app.SecretariatAsync();
        var id = (await secretariat.RecordAsync(OfferTestKit.Offer("FRA"))).Id();
        await (await secretariat.PutJsonAsync($"/api/v1/offers/{id}", OfferTestKit.Revision("FRA", 1, "Typo", o => o["quantity"] = 0))).ProblemAsync(HttpStatusCode.BadRequest, "/problems/forces.offer-quantity-out-of-range");
        await (await secretariat.PostJsonAsync($"/api/v1/offers/{id}/readiness", new { level = "ready", reachedOn = OfferTestKit.Iso(OfferTestKit.Today.AddDays(3)) }))
            .ProblemAsync(HttpStatusCode.BadRequest, "/problems/forces.readiness-in-future");

        var offer = await (await secretariat.GetPathAsync($"/api/v1/offers/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, offer.GetProperty("quantity").GetInt32());
        Assert.Equal(1, offer.GetProperty("version").GetInt32());
        var versions = await (await secretariat.GetPathAsync($"/api/v1/offers/{id}/versions")).JsonAsync(HttpStatusCode.OK);
        Assert.Single(versions.EnumerateArray());
    }

    [Fact]
    public async Task A_delegate_cannot_record_or_change_another_members_offer_and_the_secretariat_records_for_any()
    {
        using var secretariat = await app.SecretariatAsync();
        using var pol = await app.DelegateAsync("POL", ClassificationLevels.Restricted);
        var before = await app.DbAsync(db => db.Offers.CountAsync(TestContext.Current.CancellationToken));
        await (await pol.PostJsonAsync("/api/v1/offers", OfferTestKit.Offer("FRA")))
            .ProblemAsync(HttpStatusCode.Forbidden, "/problems/forces.offer-not-your-member");
        Assert.Equal(before, await app.DbAsync(db => db.Offers.CountAsync(TestContext.Current.CancellationToken)));

        // Released to every member, so Poland sees it, but may not change it.
        var fra = (await secretariat.RecordAsync(OfferTestKit.Offer("FRA", o => o["label"] = new { classification = "RESTRICTED" }))).Id();
        await (await pol.PutJsonAsync($"/api/v1/offers/{fra}", OfferTestKit.Revision("FRA", 1, "We know better"))).ProblemAsync(HttpStatusCode.Forbidden, "/problems/forces.offer-not-your-member");
        await (await pol.PostJsonAsync($"/api/v1/offers/{fra}/withdraw", new { reason = "No" }))
            .ProblemAsync(HttpStatusCode.Forbidden, "/problems/forces.offer-not-your-member");
        await (await pol.PostJsonAsync($"/api/v1/offers/{fra}/readiness", new { level = "ready" }))
            .ProblemAsync(HttpStatusCode.Forbidden, "/problems/forces.offer-not-your-member");

        var own = await pol.RecordAsync(OfferTestKit.Offer("POL", o => o["capability"] = "engineering"));
        Assert.Equal("enabler", own.Str("component"));
    }

    [Fact]
    public async Task A_member_without_release_cannot_see_count_or_export_an_offer()
    {
        using var secretariat = await app.SecretariatAsync();
        var owner = await secretariat.RegisterActiveMemberAsync();
        await secretariat.RecordAsync(OfferTestKit.Offer(owner, o =>
        {
            o["unitType"] = "Open field hospital";
            o["capability"] = "medical";
            o["caveats"] = new Dictionary<string, object?>();
            o["label"] = new { classification = "RESTRICTED" };
        }));
        var defaulted = (await secretariat.RecordAsync(OfferTestKit.Offer(owner, o =>
        {
            o["unitType"] = "Default-labelled battlegroup";
        }))).Id();
        var hidden = (await secretariat.RecordAsync(OfferTestKit.Offer(owner, o =>
        {
            o["unitType"] = "Hidden battlegroup";
            o["label"] = ConfidentialForGbr;
        }))).Id();

        using var pol = await app.DelegateAsync("POL", ClassificationLevels.Secret);
        foreach (var id in new[] { hidden, defaulted })
        {
            await (await pol.GetPathAsync($"/api/v1/offers/{id}")).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
            await (await pol.GetPathAsync($"/api/v1/offers/{id}/versions")).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        }

        var list = await (await pol.GetPathAsync($"/api/v1/offers?member={owner}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        Assert.Equal("Open field hospital", list.GetProperty("items")[0].Str("unitType"));
        var export = await (await pol.GetPathAsync($"/api/v1/offers/export?member={owner}")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("Open field hospital", export, StringComparison.Ordinal);
        Assert.DoesNotContain("Hidden battlegroup", export, StringComparison.Ordinal);
        Assert.DoesNotContain("Default-labelled battlegroup", export, StringComparison.Ordinal);

        // A co-chair reads the default-labelled offer; the one labelled for GBR only stays GBR's.
        using var fra = await app.DelegateAsync("FRA", ClassificationLevels.Secret);
        await (await fra.GetPathAsync($"/api/v1/offers/{defaulted}")).JsonAsync(HttpStatusCode.OK);
        await (await fra.GetPathAsync($"/api/v1/offers/{hidden}")).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        var gbrList = await (await gbr.GetPathAsync($"/api/v1/offers?member={owner}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(3, gbrList.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Offers_filter_by_capability_component_readiness_and_status_and_an_unknown_filter_is_refused()
    {
        using var secretariat = await app.SecretariatAsync();
        var owner = await secretariat.RegisterActiveMemberAsync();
        await secretariat.RecordAsync(OfferTestKit.Offer(owner, o =>
        {
            o["capability"] = "airPolicing";
            o["readiness"] = "ready";
            o["readinessPlan"] = Array.Empty<object>();
            o["caveats"] = new Dictionary<string, object?> { ["nationalApprovalRequired"] = true };
        }));
        var withdrawn = (await secretariat.RecordAsync(OfferTestKit.Offer(owner))).Id();
        await (await secretariat.PostJsonAsync($"/api/v1/offers/{withdrawn}/withdraw", new { reason = "Merged into another offer." })).JsonAsync(HttpStatusCode.OK);

        var air = await (await secretariat.GetPathAsync($"/api/v1/offers?member={owner}&component=air&readiness=ready")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("airPolicing", Assert.Single(air.GetProperty("items").EnumerateArray()).Str("capability"));
        var offered = await (await secretariat.GetPathAsync($"/api/v1/offers?member={owner}&status=offered")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, offered.GetProperty("total").GetInt32());
        var land = await (await secretariat.GetPathAsync($"/api/v1/offers?member={owner}&capability=mechanisedInfantry")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("withdrawn", Assert.Single(land.GetProperty("items").EnumerateArray()).Str("status"));

        await (await secretariat.GetPathAsync("/api/v1/offers?capability=cavalry")).ProblemAsync(HttpStatusCode.BadRequest, "/problems/validation");
        await (await secretariat.GetPathAsync("/api/v1/offers/export?status=maybe")).ProblemAsync(HttpStatusCode.BadRequest, "/problems/validation");
    }

    [Fact]
    public async Task An_offer_and_its_conditions_are_audited_under_the_offers_label_and_the_chain_verifies()
    {
        using var secretariat = await app.SecretariatAsync();
        await secretariat.RecordAsync(OfferTestKit.Offer("FRA", o => o["label"] = ConfidentialForGbr));
        var labels = await app.DbAsync(db => db.AuditEntries.Where(e => e.EntityType != null && e.EntityType.StartsWith("forces_offer")).OrderByDescending(e => e.Sequence).Take(4)
            .Select(e => e.Label.ReleasableTo).ToListAsync(TestContext.Current.CancellationToken));
        Assert.NotEmpty(labels);
        Assert.All(labels, l => Assert.Equal("|GBR|", l));
        Assert.Equal(0, (await app.RunCliAsync("audit", "verify")).ExitCode);
    }
}

public sealed class OffersApiTestsOnSqlite(SqliteApp app) : OffersApiTests<SqliteApp>(app);

public sealed class OffersApiTestsOnPostgres(PostgresApp app) : OffersApiTests<PostgresApp>(app);
