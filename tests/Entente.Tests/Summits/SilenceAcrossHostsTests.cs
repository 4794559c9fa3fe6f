using System.Net.Http.Headers;
using Entente.Modules.Summits.Contracts;
using Entente.Modules.Summits.Domain;
using Entente.Testing;
using Entente.Tests.Registry;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using static Entente.Tests.Summits.ProceduresTestKit;

namespace Entente.Tests.Summits;

/// <summary>
/// A silence procedure outlives the host that opened it, and several hosts on one database record its outcome once:
/// the deadline is in the database, the tick holds nothing in memory.
/// </summary>
public abstract class SilenceAcrossHostsTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, string?> NoSilenceJob = new() { ["Entente:Summits:SilenceJob:Run"] = "false" };

    [Fact]
    public async Task A_procedure_opened_on_a_host_that_then_stops_is_adopted_once_by_the_hosts_that_run_after_it()
    {
        using var secretariat = await app.SecretariatAsync();
        var token = secretariat.DefaultRequestHeaders.Authorization!.Parameter!;
        var deadline = DateTimeOffset.UtcNow.AddHours(4);
        Guid id;

        // The first host opens the procedure, then stops (as on a restart or a crash between ticks).
        await using (var first = app.AnotherHost(NoSilenceJob))
        {
            using var client = first.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = app.BaseAddress });
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            id = await DraftAsync(client, $"{Marker()} statement on prisoner exchanges", "The coalition welcomes the exchange of prisoners.");
            await OpenSilenceAsync(client, id, deadline);
        }

        // Two hosts start afterwards on the same database; both tick at the same moment past the deadline.
        await using var second = app.AnotherHost(NoSilenceJob);
        await using var third = app.AnotherHost(NoSilenceJob);
        var clock = new ProceduresClock(deadline.AddMinutes(2));
        var before = new ProceduresClock(deadline.AddMinutes(-2));
        await SilenceProcedureJob.RunOnceAsync(second.Services, before, Ct);
        Assert.Equal(0, await DecisionsAsync(id));

        await Task.WhenAll(
            SilenceProcedureJob.RunOnceAsync(second.Services, clock, Ct),
            SilenceProcedureJob.RunOnceAsync(third.Services, clock, Ct),
            app.AsSystemAsync(sp => SilenceProcedureJob.RunOnceAsync(sp, clock, Ct)));
        await SilenceProcedureJob.RunOnceAsync(third.Services, clock, Ct);

        Assert.Equal(1, await DecisionsAsync(id));
        var proposal = await app.DbAsync(db => db.Proposals.IgnoreQueryFilters().SingleAsync(p => p.Id == id, Ct));
        Assert.Equal(ProposalStatus.Adopted, proposal.Status);

        // The hosts appended to one audit chain, and it verifies.
        var verify = await app.RunCliAsync("audit", "verify");
        Assert.Equal(0, verify.ExitCode);
    }

    private Task<int> DecisionsAsync(Guid proposalId) =>
        app.DbAsync(db => db.Decisions.IgnoreQueryFilters().CountAsync(d => d.ProposalId == proposalId, Ct));
}

public sealed class SilenceAcrossHostsTestsOnSqlite(SqliteApp app) : SilenceAcrossHostsTests<SqliteApp>(app);

public sealed class SilenceAcrossHostsTestsOnPostgres(PostgresApp app) : SilenceAcrossHostsTests<PostgresApp>(app);
