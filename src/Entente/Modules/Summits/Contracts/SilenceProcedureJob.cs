using Entente.Infrastructure.Data;
using Entente.Infrastructure.Jobs;
using Entente.Infrastructure.Security;
using Entente.Modules.Summits.Domain;
using Entente.Modules.Summits.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Entente.Modules.Summits.Contracts;

/// <summary>Settings of the silence procedure job (<c>Entente:Summits:SilenceJob</c>).</summary>
public sealed class SilenceJobOptions
{
    public const string Section = "Entente:Summits:SilenceJob";

    /// <summary>False to not run the job on this instance (tests drive it by hand).</summary>
    public bool Run { get; set; } = true;

    /// <summary>How often the deadlines are checked; a procedure concludes at most this long after its deadline.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Background job: the instance holding the <c>summits-silence</c> lease adopts every silence procedure whose deadline
/// has passed unbroken. Its state is the proposals' own rows, so a restart loses nothing and a procedure whose deadline
/// passed while no instance ran is concluded on the next tick. Running it twice adopts once: a concluded proposal is
/// no longer in consultation, the proposal's concurrency token refuses a second instance's stale write, and the
/// register holds one decision per proposal (a unique index).
/// </summary>
public sealed class SilenceProcedureJob(IServiceScopeFactory scopes, JobLeases leases, IOptions<SilenceJobOptions> options,
    ILogger<SilenceProcedureJob> logger, TimeProvider time) : LeasedJob(scopes, leases, logger, time)
{
    public const string LeaseName = "summits-silence";

    /// <summary>One tick at the instant <paramref name="clock"/> gives; answers how many proposals it adopted.</summary>
    public static async Task<int> RunOnceAsync(IServiceProvider services, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Caller>().SetSystem("system:silence-procedure", "system");
        var db = scope.ServiceProvider.GetRequiredService<EntenteDbContext>();
        var due = await db.Proposals
            .Where(p => p.Status == ProposalStatus.InConsultation && p.Procedure == DecisionProcedure.Silence && p.SilenceDeadline <= now)
            .OrderBy(p => p.SilenceDeadline).Select(p => p.Id).Take(500).ToListAsync(cancellationToken);
        var adopted = 0;
        foreach (var id in due)
        {
            var proposal = await ProposalAccess.FindForUpdateAsync(db, id, cancellationToken);
            if (proposal?.ConcludeSilenceIfDue(now) is not { } decision)
            {
                continue;
            }

            var saved = await ProposalAccess.SaveAsync(db, decision, cancellationToken);
            if (saved.IsSuccess)
            {
                adopted++;
            }

            db.ChangeTracker.Clear();
        }

        return adopted;
    }

    protected override string Lease => LeaseName;

    protected override TimeSpan Interval => options.Value.Interval;

    protected override string Work => "conclude silence procedures";

    protected override async Task TickAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var adopted = await RunOnceAsync(services, Time, cancellationToken);
        if (adopted > 0)
        {
            Logger.LogInformation("Adopted {Count} proposal(s) by silence procedure", adopted);
        }
    }
}
