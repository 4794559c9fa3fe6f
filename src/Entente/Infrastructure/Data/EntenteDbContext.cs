using System.Reflection;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Jobs;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Security;
using Entente.Infrastructure.Telemetry;
using Entente.Modules.Audit;
using Entente.Modules.Audit.Domain;
using Entente.Modules.Identity.Domain;
using Entente.Modules.Ledger.Domain;
using Entente.Modules.Monitoring.Domain;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Registry.Domain;
using Entente.Modules.Sharing.Domain;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Entente.Infrastructure.Data;

/// <summary>
/// The one EF Core context of the platform. Two things happen here for every module:
/// <list type="bullet">
/// <item>every entity that implements <see cref="ILabelled"/> gets the label query filter
/// (<see cref="LabelFilter"/>), so every read path — lists, counts, aggregates, exports — sees only what the
/// current <see cref="Caller"/> may read;</item>
/// <item><see cref="SaveChangesAsync(bool, CancellationToken)"/> appends an audit entry for every change, sealed
/// into the hash chain in the same transaction as the change.</item>
/// </list>
/// </summary>
public sealed partial class EntenteDbContext(
    DbContextOptions<EntenteDbContext> options,
    Caller caller,
    AuditTrail auditTrail,
    ReadAuditCollector readAudit,
    ISecurityPolicyCatalog policyCatalog,
    IdempotencyScope idempotency)
    : IdentityDbContext<EntenteUser, EntenteRole, Guid>(options)
{
    /// <summary>Name of the label query filter, for the rare system paths that must bypass it.</summary>
    public const string LabelFilter = "labels";

    private static readonly MethodInfo ApplyLabelFilterMethod =
        typeof(EntenteDbContext).GetMethod(nameof(ApplyLabelFilter), BindingFlags.NonPublic | BindingFlags.Instance)!;

    /// <summary>What the current caller may read; referenced by the label filter and parameterised per query.</summary>
    public AccessScope CurrentScope => caller.Scope;

    public Caller Caller => caller;

    public AuditTrail AuditTrail => auditTrail;

    public ReadAuditCollector ReadAudit => readAudit;

    /// <summary>Reads of records at or above this classification rank are audited.</summary>
    public int ReadAuditThreshold => policyCatalog.Current.ReadAuditThreshold;

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<Member> Members => Set<Member>();

    public DbSet<Representative> Delegates => Set<Representative>();

    public DbSet<SecurityPolicy> SecurityPolicies => Set<SecurityPolicy>();

    public DbSet<PolicyClassification> Classifications => Set<PolicyClassification>();

    public DbSet<PolicyCategory> Categories => Set<PolicyCategory>();

    public DbSet<SharingGroup> SharingGroups => Set<SharingGroup>();

    public DbSet<Pledge> Pledges => Set<Pledge>();

    /// <summary>Read through <see cref="Pledges"/> only: transitions carry no label of their own.</summary>
    public DbSet<PledgeTransition> PledgeTransitions => Set<PledgeTransition>();

    /// <summary>Read through <see cref="Pledges"/> only: versions carry no label of their own.</summary>
    public DbSet<PledgeVersion> PledgeVersions => Set<PledgeVersion>();

    public DbSet<StoredFxRate> FxRates => Set<StoredFxRate>();

    public DbSet<CeasefireAgreement> Agreements => Set<CeasefireAgreement>();

    public DbSet<Observation> Observations => Set<Observation>();

    public DbSet<MonitoringEvent> Events => Set<MonitoringEvent>();

    public DbSet<AlertRule> AlertRules => Set<AlertRule>();

    public DbSet<Alert> Alerts => Set<Alert>();

    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();

    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    public DbSet<DailyReport> DailyReports => Set<DailyReport>();

    public DbSet<DailyReportEntry> DailyReportEntries => Set<DailyReportEntry>();

    /// <summary>Verification decisions: unlabelled, visible only together with their event (query filter).</summary>
    public DbSet<EventDecision> EventDecisions => Set<EventDecision>();

    public DbSet<SharingGroupMember> SharingGroupMembers => Set<SharingGroupMember>();

    /// <summary>The audit chain, read-only: entries are appended with <see cref="AppendAudit"/> and sealed on save.</summary>
    public IQueryable<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<AuditCheckpoint> AuditCheckpoints => Set<AuditCheckpoint>();

    public DbSet<JobLease> JobLeases => Set<JobLease>();

    public DbSet<PlatformSetting> Settings => Set<PlatformSetting>();

    private readonly List<AuditEntry> _pendingAudit = [];

    /// <summary>Queues an audit entry for an event; it is sealed into the chain by the next save, with that save's changes.</summary>
    public void AppendAudit(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        _pendingAudit.Add(entry);
    }

    public bool IsPostgres => Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new NotSupportedException(
            "Entente writes asynchronously so that the audit chain is appended in the same transaction: use SaveChangesAsync.");

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        ChangeTracker.DetectChanges();
        var generated = await auditTrail.DescribeChangesAsync(this, cancellationToken);
        if (generated.Count == 0 && _pendingAudit.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        List<AuditEntry> all = [.. _pendingAudit, .. generated];
        var ownTransaction = Database.CurrentTransaction is null
            ? await Database.BeginTransactionAsync(cancellationToken)
            : null;
        try
        {
            await auditTrail.SealAsync(this, all, cancellationToken);
            Set<AuditEntry>().AddRange(all);
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            var markIdempotency = idempotency.RecordId is { } recordId && !idempotency.Committed;
            if (markIdempotency)
            {
                // The write and the claim on its Idempotency-Key commit together: a retry never applies it twice.
                var committedAt = all[^1].OccurredAt;
                await Set<IdempotencyRecord>().Where(r => r.Id == idempotency.RecordId)
                    .ExecuteUpdateAsync(u => u.SetProperty(r => r.CommittedAt, committedAt), cancellationToken);
            }

            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
            }

            if (markIdempotency)
            {
                idempotency.Committed = true;
            }

            _pendingAudit.Clear();
            EntenteTelemetry.AuditEntriesAppended.Add(all.Count);
            return written;
        }
        catch
        {
            // Nothing was stored. Queued entries go back to the queue unsealed so a retry chains them afresh;
            // generated ones are dropped and described again from the still-tracked changes.
            foreach (var entry in all)
            {
                var tracked = Entry(entry);
                if (tracked.State != EntityState.Detached)
                {
                    tracked.State = EntityState.Detached;
                }

                if (entry.IsSealed)
                {
                    entry.Unseal();
                }
            }

            throw;
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.Conventions.Add(_ => new AuditLabelOwners.Convention());
        if (!IsPostgres)
        {
            // SQLite keeps instants as text without a zone; every instant the platform writes is UTC.
            configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
            configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(EntenteDbContext).Assembly);

        foreach (var entityType in builder.Model.GetEntityTypes().ToList())
        {
            if (typeof(ILabelled).IsAssignableFrom(entityType.ClrType) && entityType.BaseType is null)
            {
                ApplyLabelFilterMethod.MakeGenericMethod(entityType.ClrType).Invoke(this, [builder]);
            }
        }

        // Rows that belong to a labelled record and carry no label of their own are visible only with their owner.
        builder.Entity<PledgeTransition>().HasQueryFilter(LabelFilter, t => Set<Pledge>().Any(p => p.Id == t.PledgeId));
        builder.Entity<PledgeSource>().HasQueryFilter(LabelFilter, s => Set<Pledge>().Any(p => p.Id == s.PledgeId));
        builder.Entity<PledgeVersion>().HasQueryFilter(LabelFilter, v => Set<Pledge>().Any(p => p.Id == v.PledgeId));
        builder.Entity<AgreementGeometry>().HasQueryFilter(LabelFilter, g => Set<CeasefireAgreement>().Any(a => a.Id == g.AgreementId));
        builder.Entity<EventDecision>().HasQueryFilter(LabelFilter, d => Set<MonitoringEvent>().Any(e => e.Id == d.EventId));

        // Summits, part A (meetings): agenda, attendance, minutes and notifications are visible only with their meeting.
        ConfigureMeetingFilters(builder);
        // Summits, part B (proposals and decisions): child rows visible only with their proposal or decision.
        ApplyProcedureChildFilters(builder);
        // Summits, action items (part C): status changes, notes and notices are visible only with their item.
        ConfigureActionItemFilters(builder);
        // Forces, statement of requirements: a line's versions are visible only with their line.
        ConfigureRequirementFilters(builder);
        // Forces, national offers: conditions, readiness plan and history, versions are visible only with their offer.
        ConfigureOfferFilters(builder);
        // Forces, conference: rounds visible with their conference; bids only with their offer, line and conference.
        ConfigureConferenceFilters(builder);
        // Forces, force generation: a run's assignments are visible only with their run.
        ConfigureGenerationFilters(builder);
        // Sharing, documents: a document's versions and their bytes are visible only with their document.
        ConfigureDocumentFilters(builder);
        // Sharing, releases: approvals are visible only with their request.
        ConfigureReleaseFilters(builder);
        // Sharing, messages and threads: a message's earlier texts are visible only with the message.
        ConfigureMessageFilters(builder);
    }

    /// <summary>
    /// The label rule, once, for every labelled entity: clearance at or above the classification; releasable to
    /// everyone, or the caller's member is the originator or listed; and, with a sharing group, the member is in it.
    /// <see cref="AccessScope.CanRead"/> states the same rule in memory.
    /// </summary>
    private void ApplyLabelFilter<T>(ModelBuilder builder)
        where T : class, ILabelled =>
        builder.Entity<T>().HasQueryFilter(LabelFilter, e =>
            CurrentScope.IsSystem
            || (e.Label.Classification <= CurrentScope.Clearance
                && (e.Label.ReleasableTo == ""
                    || (CurrentScope.Member != null
                        && (e.Label.Originator == CurrentScope.Member || e.Label.ReleasableTo.Contains(CurrentScope.MemberToken))))
                && (e.Label.SharingGroupId == null || CurrentScope.SharingGroups.Contains(e.Label.SharingGroupId.Value))));
}
