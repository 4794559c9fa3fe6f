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
    ILogger<SilenceProcedureJob> logger, TimeProvider time) : BackgroundService
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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        do
        {
            try
            {
                if (await leases.TryAcquireAsync(LeaseName, options.Value.Interval, stoppingToken))
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var adopted = await RunOnceAsync(scope.ServiceProvider, time, stoppingToken);
                    if (adopted > 0)
                    {
                        logger.LogInformation("Adopted {Count} proposal(s) by silence procedure", adopted);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failing tick must not stop the host; the next tick retries.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                logger.LogWarning(ex, "Could not conclude silence procedures; will retry");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
