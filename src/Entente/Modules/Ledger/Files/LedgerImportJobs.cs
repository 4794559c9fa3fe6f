using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using Entente.Infrastructure;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Security;
using Entente.Modules.Identity;
using Entente.Modules.Ledger.Contracts;
using Entente.Modules.Registry.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entente.Modules.Ledger.Files;

/// <summary>
/// An import started from the page: it runs in the background so the page can show its progress, first as a dry run,
/// then — when the user commits a file whose every row passed — for real. Progress fields are written by the import and
/// read by requests, hence volatile.
/// </summary>
public sealed class LedgerImportJob
{
    private volatile ImportReport? _dryRun;
    private volatile ImportReport? _stored;
    private volatile string? _failure;
    private volatile bool _running;
    private int _phase;
    private int _done;
    private int _total;

    internal LedgerImportJob(Guid id, Guid ownerId, string fileName, PledgeSheet sheet, DateTime createdAt)
    {
        Id = id;
        OwnerId = ownerId;
        FileName = fileName;
        Sheet = sheet;
        CreatedAt = createdAt;
        _total = sheet.Rows.Count;
    }

    public Guid Id { get; }

    public Guid OwnerId { get; }

    public string FileName { get; }

    internal PledgeSheet Sheet { get; }

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; }

    public ImportPhase Phase => (ImportPhase)Volatile.Read(ref _phase);

    public int Done => Volatile.Read(ref _done);

    public int Total => Volatile.Read(ref _total);

    public bool IsRunning => _running;

    /// <summary>The dry run's report, once it has finished.</summary>
    public ImportReport? DryRun => _dryRun;

    /// <summary>The report of the import that stored the pledges, once it has.</summary>
    public ImportReport? Stored => _stored;

    /// <summary>Why the import stopped without a report (the ledger changed meanwhile, the server failed).</summary>
    public string? Failure => _failure;

    /// <summary>The progress as a sentence, for the page and screen readers.</summary>
    public string Describe()
    {
        var total = Total;
        var done = Math.Min(Done, total);
        return Phase switch
        {
            ImportPhase.Storing => string.Create(CultureInfo.InvariantCulture, $"Storing: {done:N0} of {total:N0} pledges stored."),
            ImportPhase.Reading => "Reading the file.",
            _ => string.Create(CultureInfo.InvariantCulture, $"Checking: {done:N0} of {total:N0} rows checked."),
        };
    }

    internal IProgress<ImportProgress> Progress => new Reporter(this);

    internal void Begin()
    {
        _failure = null;
        _running = true;
        Volatile.Write(ref _phase, (int)ImportPhase.Checking);
        Volatile.Write(ref _done, 0);
    }

    internal void Finish(ImportReport? report, string? failure)
    {
        if (report is { DryRun: true })
        {
            _dryRun = report;
        }
        else if (report is { Stored: true })
        {
            _stored = report;
        }
        else if (report is not null)
        {
            // The commit found rows that no longer pass (the ledger changed since the dry run): show those.
            _dryRun = report with { DryRun = true };
        }

        _failure = failure;
        Volatile.Write(ref _phase, (int)ImportPhase.Finished);
        _running = false;
    }

    private sealed class Reporter(LedgerImportJob job) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value)
        {
            Volatile.Write(ref job._phase, (int)value.Phase);
            Volatile.Write(ref job._done, value.Done);
            Volatile.Write(ref job._total, value.Total);
        }
    }
}

/// <summary>
/// The imports started from the page, kept by the instance that runs them for an hour. Like Blazor circuits, they
/// need the load balancer to send a user back to the same instance (sticky sessions); the API's import is a single
/// request and needs nothing of the sort.
/// </summary>
public sealed class LedgerImportJobs(IServiceScopeFactory scopes, TimeProvider time, ILogger<LedgerImportJobs> logger)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<Guid, LedgerImportJob> _jobs = new();

    /// <summary>Starts the dry run of a file for the user; a user runs one import at a time.</summary>
    public LedgerImportJob? StartDryRun(ClaimsPrincipal user, Caller caller, string fileName, PledgeSheet sheet)
    {
        ArgumentNullException.ThrowIfNull(caller);
        Sweep();
        var owner = caller.UserId ?? throw new InvalidOperationException("Only a signed-in user starts an import from the page.");
        if (_jobs.Values.Any(j => j.OwnerId == owner && j.IsRunning))
        {
            return null;
        }

        var job = new LedgerImportJob(Guid.NewGuid(), owner, fileName, sheet, time.GetUtcNow().UtcDateTime);
        _jobs[job.Id] = job;
        Run(job, dryRun: true, user, caller);
        return job;
    }

    /// <summary>Stores a file whose dry run accepted every row; false when there is nothing to commit.</summary>
    public bool Commit(Guid id, ClaimsPrincipal user, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var job = Find(id, caller);
        if (job is null || job.IsRunning || job.Stored is not null || job.DryRun is not { Rejected: 0 })
        {
            return false;
        }

        Run(job, dryRun: false, user, caller);
        return true;
    }

    /// <summary>The caller's own job; another user's does not exist for it.</summary>
    public LedgerImportJob? Find(Guid id, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return _jobs.TryGetValue(id, out var job) && caller.UserId == job.OwnerId ? job : null;
    }

    private void Run(LedgerImportJob job, bool dryRun, ClaimsPrincipal user, Caller caller)
    {
        job.Begin();
        var scopeOfCaller = caller.Scope;
        var actor = caller.ActorName;
        var origin = caller.Origin;
        var trace = caller.TraceId;
        var method = caller.AuthenticationMethod;
        _ = Task.Run(async () =>
        {
            ImportReport? report = null;
            string? failure = null;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var services = scope.ServiceProvider;
                services.GetRequiredService<Caller>().SetUser(job.OwnerId, actor, scopeOfCaller, origin, trace, method);
                var db = services.GetRequiredService<EntenteDbContext>();
                var result = await PledgeImporter.RunAsync(job.Sheet, dryRun, user, db, services.GetRequiredService<ISecurityPolicyCatalog>(),
                    services.GetRequiredService<IFxRates>(), services.GetRequiredService<PlatformOptions>(), time, job.Progress, CancellationToken.None);
                await db.ReadAudit.FlushAsync(CancellationToken.None);
                if (result.IsSuccess)
                {
                    report = result.Value;
                }
                else
                {
                    failure = result.Error!.Detail;
                }
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Import {ImportId} failed", job.Id);
                failure = "The import failed on the server and nothing was stored. Try again; if it fails again, quote the time to the administrators.";
            }
            finally
            {
                job.Finish(report, failure);
            }
        });
    }

    private void Sweep()
    {
        var cutoff = time.GetUtcNow().UtcDateTime - Lifetime;
        foreach (var (id, job) in _jobs)
        {
            if (job.CreatedAt < cutoff && !job.IsRunning)
            {
                _jobs.TryRemove(id, out _);
            }
        }
    }
}

/// <summary>How far an import started from the page has got.</summary>
/// <param name="Phase">reading, checking, storing or finished.</param>
/// <param name="Done">Rows checked (or pledges stored) so far.</param>
/// <param name="Total">Rows in the file.</param>
/// <param name="Finished">True once the import has stopped: reload the page for its report.</param>
/// <param name="Text">The same as a sentence.</param>
public sealed record ImportProgressView(ImportPhase Phase, int Done, int Total, bool Finished, string Text);

/// <summary><c>GET /ledger/imports/{id}/progress</c>: the progress of an import the caller started from the page.</summary>
public static class GetImportProgress
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/ledger/imports/{id:guid}/progress", Handle)
            .RequireAuthorization(Policies.RecordPledges)
            .WithName("GetImportProgress")
            .WithSummary("Progress of an import started from the page")
            .WithDescription("Rows checked or stored so far of an import the caller started on /ledger/import. Imports sent to POST /ledger/imports answer in one response and have no progress to poll.")
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static Results<Ok<ImportProgressView>, ProblemHttpResult> Handle(Guid id, LedgerImportJobs jobs, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var job = jobs.Find(id, caller);
        return job is null
            ? Infrastructure.Problems.ProblemResults.NotFound("The import")
            : TypedResults.Ok(new ImportProgressView(job.Phase, job.Done, job.Total, !job.IsRunning, job.Describe()));
    }
}
