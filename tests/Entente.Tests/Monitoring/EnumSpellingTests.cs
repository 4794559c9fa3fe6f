using System.Net;
using Entente.Testing;
using Entente.Tests.Registry;

namespace Entente.Tests.Monitoring;

/// <summary>Every monitoring input reads vocabulary names the same way: any case, camel, kebab or snake; never numbers.</summary>
public abstract class EnumSpellingTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    [Fact]
    public async Task Observations_accept_kebab_snake_and_upper_case_names_and_refuse_numbers_with_the_names_that_are_accepted()
    {
        await app.AgreementAsync();
        using var monitor = await app.MonitorAsync();
        var source = "spell-" + MonitoringTestKit.Unique();
        var at = DateTimeOffset.UtcNow.AddHours(-2);
        var snake = MonitoringTestKit.Observation(source, "snake", 47.3, 37.1, at, type: "EXPLOSION_IMPACT", weapon: "HEAVY_MACHINE_GUN");
        snake["sourceKind"] = "MACHINE_FEED";
        var kebab = MonitoringTestKit.Observation(source, "kebab", 47.5, 37.1, at, type: "explosion-impact", weapon: "heavy-machine-gun");
        kebab["means"] = "Sensor";
        var number = MonitoringTestKit.Observation(source, "number", 47.7, 37.1, at, weapon: "7");
        var numericType = MonitoringTestKit.Observation(source, "numeric-type", 47.9, 37.1, at, type: "3");
        var combined = MonitoringTestKit.Observation(source, "combined", 48.1, 37.1, at, weapon: "mortar,tank");
        var result = await monitor.BatchAsync([snake, kebab, number, numericType, combined]);

        var rows = result.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(["stored", "stored", "rejected", "rejected", "rejected"], rows.Select(r => r.Str("outcome")));
        foreach (var row in rows.Take(2))
        {
            var stored = await (await monitor.GetPathAsync($"/api/v1/observations/{row.Str("observationId")}")).JsonAsync(HttpStatusCode.OK);
            Assert.Equal(("explosionImpact", "heavyMachineGun"), (stored.Str("type"), stored.Str("weapon")));
        }

        Assert.Equal(("weapon", "weapon", "type"), (rows[2].Str("field"), rows[4].Str("field"), rows[3].Str("field")));
        Assert.StartsWith("'7' is not a weapon class. Use one of: unknown, smallArms, heavyMachineGun,", rows[2].Str("message"), StringComparison.Ordinal);
        Assert.Contains("numbers are not accepted", rows[2].Str("message"), StringComparison.Ordinal);
        Assert.Equal("monitoring.type-unknown", rows[3].Str("code"));
        Assert.StartsWith("'3' is not a type of the SMM vocabulary. Use one of: explosionImpact,", rows[3].Str("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_analyst_queue_reads_a_family_in_any_documented_spelling_and_refuses_its_number()
    {
        using var analyst = await app.ClientAsync("Analyst", "CSEC", Entente.Infrastructure.Labels.ClassificationLevels.Confidential);
        foreach (var family in new[] { "freedomOfMovement", "FREEDOM_OF_MOVEMENT", "freedom-of-movement", "Casualties" })
        {
            await (await analyst.GetPathAsync($"/api/v1/events/queue?family={family}")).JsonAsync(HttpStatusCode.OK);
        }

        // "4" is Casualties by its number; numbers are not names, so it is refused rather than read as a family.
        foreach (var family in new[] { "4", "fire,movement", "-fire", "free dom" })
        {
            var problem = await (await analyst.GetPathAsync($"/api/v1/events/queue?family={Uri.EscapeDataString(family)}"))
                .ProblemAsync(HttpStatusCode.BadRequest, "/problems/monitoring.family-unknown");
            Assert.Contains("is not a family of type. Use one of: fire, illumination, weaponPresence, movement, casualties, freedomOfMovement", problem.Str("detail"), StringComparison.Ordinal);
        }
    }
}

public sealed class EnumSpellingTestsOnSqlite(SqliteApp app) : EnumSpellingTests<SqliteApp>(app);

public sealed class EnumSpellingTestsOnPostgres(PostgresApp app) : EnumSpellingTests<PostgresApp>(app);
