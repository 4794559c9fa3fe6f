using System.Net;
using Entente.Infrastructure.Labels;
using Entente.Testing;
using Entente.Tests.Registry;
using static Entente.Tests.Summits.ProceduresTestKit;

namespace Entente.Tests.Summits;

public abstract class ProceduresPagesTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_delegate_records_a_position_and_breaks_silence_from_the_proposal_page_and_a_second_break_reads_as_an_error()
    {
        using var secretariat = await app.SecretariatAsync();
        using var fra = await app.DelegateAsync("FRA", ClassificationLevels.Confidential);
        using var gbr = await app.DelegateAsync("GBR", ClassificationLevels.Confidential);
        var id = await DraftAsync(secretariat, $"{Marker()} statement on the maritime corridor", "The coalition supports the corridor.");
        await OpenSilenceAsync(secretariat, id, DateTimeOffset.UtcNow.AddDays(1));
        var path = $"/summits/proposals/{id}";

        var page = await (await fra.GetPathAsync(path)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("Silence ends", page, StringComparison.Ordinal);
        var supported = await PageForms.PostFormAsync(gbr, path, "record-position", ("Position.Stance", "Support"));
        Assert.Equal(HttpStatusCode.Redirect, supported.StatusCode);
        var broken = await PageForms.PostFormAsync(fra, path, "break-silence", ("Break.Reason", "The corridor's southern end is not agreed."));
        Assert.Equal(HttpStatusCode.Redirect, broken.StatusCode);
        Assert.EndsWith("?done=break", broken.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);

        var proposal = await (await secretariat.GetPathAsync($"/api/v1/proposals/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("returnedForRevision", proposal.Str("status"));
        Assert.Contains(proposal.GetProperty("positions").EnumerateArray(), p => p.Str("member") == "GBR" && p.Str("stance") == "support");
        var after = WebUtility.HtmlDecode(await (await gbr.GetPathAsync(path)).Content.ReadAsStringAsync(Ct));
        Assert.Contains("broke silence", after, StringComparison.Ordinal);
        Assert.DoesNotContain("Break silence</button>", after, StringComparison.Ordinal);
    }
}

public sealed class ProceduresPagesTestsOnSqlite(ProceduresSqliteApp app) : ProceduresPagesTests<ProceduresSqliteApp>(app);

public sealed class ProceduresPagesTestsOnPostgres(ProceduresPostgresApp app) : ProceduresPagesTests<ProceduresPostgresApp>(app);
