using System.Net;
using Entente.Infrastructure.Labels;
using Entente.Testing;

namespace Entente.Tests.Registry;

public abstract class SecurityPolicyApiTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    private static string NewCategoryCode() => "C" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();

    [Fact]
    public async Task Every_signed_in_user_reads_the_policy_in_rank_order()
    {
        using var monitor = await app.ClientAsync("Monitor", "CSEC", ClassificationLevels.Restricted);
        var policy = await (await monitor.GetPathAsync("/api/v1/security-policy")).JsonAsync(HttpStatusCode.OK);
        var ranks = policy.GetProperty("classifications").EnumerateArray().Select(c => c.GetProperty("rank").GetInt32()).ToList();
        Assert.Equal(ranks.Order(), ranks);
        Assert.Equal("PUBLIC", policy.GetProperty("classifications")[0].Str("code"));
        Assert.Equal(2, policy.GetProperty("readAuditThreshold").GetInt32());
        Assert.Contains(policy.GetProperty("categories").EnumerateArray(), c => c.Str("code") == "PERS");

        using var anonymous = app.Anonymous();
        await (await anonymous.GetPathAsync("/api/v1/security-policy")).ProblemAsync(HttpStatusCode.Unauthorized, "/problems/unauthenticated");
    }

    [Fact]
    public async Task Only_administrators_change_the_policy()
    {
        using var secretariat = await app.SecretariatAsync();
        await (await secretariat.PutJsonAsync("/api/v1/security-policy/classifications/1", new { code = "X", name = "X", colour = "#1d4ed8" }))
            .ProblemAsync(HttpStatusCode.Forbidden, "/problems/forbidden");
        await (await secretariat.PostJsonAsync("/api/v1/security-policy/categories", new { code = "NOPE", name = "Nope" }))
            .ProblemAsync(HttpStatusCode.Forbidden, "/problems/forbidden");
        await (await secretariat.PostJsonAsync("/api/v1/security-policy/categories/PERS/retire", new { }))
            .ProblemAsync(HttpStatusCode.Forbidden, "/problems/forbidden");
    }

    [Fact]
    public async Task A_renamed_classification_marks_every_record_of_its_rank_at_once()
    {
        using var admin = await app.AdministratorAsync();
        using var secretariat = await app.SecretariatAsync();
        var code = await secretariat.RegisterOrganisationAsync("Renaming witness", new { classification = "RESTRICTED" });
        try
        {
            var policy = await (await admin.PutJsonAsync("/api/v1/security-policy/classifications/1", new
            {
                code = "official-sensitive",
                name = "Official – sensitive",
                description = "Renamed in a test.",
                colour = "#6B4500",
            })).JsonAsync(HttpStatusCode.OK);
            var revised = policy.GetProperty("classifications")[1];
            Assert.Equal(1, revised.GetProperty("rank").GetInt32());
            Assert.Equal("OFFICIAL-SENSITIVE", revised.Str("code"));
            Assert.Equal("#6b4500", revised.Str("colour"));

            var member = await (await secretariat.GetPathAsync($"/api/v1/members/{code}")).JsonAsync(HttpStatusCode.OK);
            Assert.Equal("OFFICIAL-SENSITIVE", member.GetProperty("label").Str("classification"));
            Assert.StartsWith("OFFICIAL-SENSITIVE ·", member.GetProperty("label").Str("marking"), StringComparison.Ordinal);

            var relabelled = await (await secretariat.PutJsonAsync($"/api/v1/members/{code}", new { name = "Renaming witness", label = new { classification = "official-sensitive" } }))
                .JsonAsync(HttpStatusCode.OK);
            Assert.Equal(1, relabelled.GetProperty("label").GetProperty("rank").GetInt32());

            using var anonymous = app.Anonymous();
            var css = await (await anonymous.GetPathAsync("/css/policy-markings.css")).Content.ReadAsStringAsync(RegistryTestClient.Ct);
            Assert.Contains(".cls-1 { background: #6b4500; }", css, StringComparison.Ordinal);
        }
        finally
        {
            await admin.PutJsonAsync("/api/v1/security-policy/classifications/1", new { code = "RESTRICTED", name = "Restricted", colour = "#8a5a00" });
        }
    }

    [Fact]
    public async Task A_classification_edit_that_would_confuse_markings_is_refused()
    {
        using var admin = await app.AdministratorAsync();
        await (await admin.PutJsonAsync("/api/v1/security-policy/classifications/2", new { code = "SECRET", name = "Clash", colour = "#1d4ed8" }))
            .ProblemAsync(HttpStatusCode.Conflict, "/problems/registry.policy-classification-code-taken");
        var light = await (await admin.PutJsonAsync("/api/v1/security-policy/classifications/2", new { code = "CONFIDENTIAL", name = "Confidential", colour = "#fff59d" }))
            .ProblemAsync(HttpStatusCode.BadRequest, "/problems/validation");
        Assert.Equal("colour", light.Str("field"));
        await (await admin.PutJsonAsync("/api/v1/security-policy/classifications/2", new { code = "CONFIDENTIAL", name = "Confidential", colour = "red" }))
            .ProblemAsync(HttpStatusCode.BadRequest, "/problems/validation");
        await (await admin.PutJsonAsync("/api/v1/security-policy/classifications/42", new { code = "NEW", name = "New", colour = "#1d4ed8" }))
            .ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");

        var policy = await (await admin.GetPathAsync("/api/v1/security-policy")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("CONFIDENTIAL", policy.GetProperty("classifications")[2].Str("code"));
        Assert.Equal("#1d4ed8", policy.GetProperty("classifications")[2].Str("colour"));
    }

    [Fact]
    public async Task A_classification_added_above_the_highest_needs_a_raised_clearance_to_use()
    {
        using var admin = await app.AdministratorAsync();
        var response = await admin.PostJsonAsync("/api/v1/security-policy/classifications", new { code = "COSMIC TOP SECRET", name = "Cosmic top secret", colour = "#4a1d96" });
        var policy = await response.JsonAsync(HttpStatusCode.Created);
        var top = policy.GetProperty("classifications").EnumerateArray().Last();
        Assert.Equal("COSMIC TOP SECRET", top.Str("code"));
        Assert.True(top.GetProperty("rank").GetInt32() > ClassificationLevels.Secret);

        var refused = await (await admin.PostJsonAsync("/api/v1/members", new { code = RegistryTestClient.NewOrganisationCode(), kind = "organisation", name = "Too secret", label = new { classification = "cosmic top secret" } }))
            .ProblemAsync(HttpStatusCode.BadRequest, "/problems/label.classification-above-clearance");
        Assert.Equal("label.classification", refused.Str("field"));
    }

    [Fact]
    public async Task A_retired_category_stays_on_its_records_but_goes_on_no_new_label()
    {
        using var admin = await app.AdministratorAsync();
        using var secretariat = await app.SecretariatAsync();
        var category = NewCategoryCode();
        await (await admin.PostJsonAsync("/api/v1/security-policy/categories", new { code = category.ToLowerInvariant(), name = "Test category" })).JsonAsync(HttpStatusCode.Created);
        await (await admin.PostJsonAsync("/api/v1/security-policy/categories", new { code = category, name = "Again" }))
            .ProblemAsync(HttpStatusCode.Conflict, "/problems/registry.policy-category-code-taken");
        var code = await secretariat.RegisterOrganisationAsync("Category witness", new { classification = "RESTRICTED", categories = new[] { category } });

        var retired = await (await admin.PostJsonAsync($"/api/v1/security-policy/categories/{category}/retire", new { })).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(retired.GetProperty("categories").EnumerateArray(), c => c.Str("code") == category && c.GetProperty("retired").GetBoolean());

        await (await secretariat.PostJsonAsync("/api/v1/members", new { code = RegistryTestClient.NewOrganisationCode(), kind = "organisation", name = "New", label = new { classification = "RESTRICTED", categories = new[] { category } } }))
            .ProblemAsync(HttpStatusCode.BadRequest, "/problems/label.category-unknown");
        var kept = await (await secretariat.PutJsonAsync($"/api/v1/members/{code}", new { name = "Category witness", label = new { classification = "RESTRICTED", categories = new[] { category } } }))
            .JsonAsync(HttpStatusCode.OK);
        Assert.Equal([category], kept.GetProperty("label").GetProperty("categories").EnumerateArray().Select(c => c.GetString()));

        await (await admin.PostJsonAsync($"/api/v1/security-policy/categories/{category}/reinstate", new { })).JsonAsync(HttpStatusCode.OK);
        await secretariat.RegisterOrganisationAsync("Reinstated", new { classification = "RESTRICTED", categories = new[] { category } });
        await (await admin.PostJsonAsync("/api/v1/security-policy/categories/NOSUCH/retire", new { })).ProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
    }
}

public sealed class SecurityPolicyApiTestsOnSqlite(SqliteApp app) : SecurityPolicyApiTests<SqliteApp>(app);

public sealed class SecurityPolicyApiTestsOnPostgres(PostgresApp app) : SecurityPolicyApiTests<PostgresApp>(app);
