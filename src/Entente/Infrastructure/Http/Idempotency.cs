using System.Security.Cryptography;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Entente.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.OpenApi;

namespace Entente.Infrastructure.Http;

/// <summary>
/// A write made with an <c>Idempotency-Key</c>: who sent it, a hash of what was sent, and — once it completed — the
/// response, so that a retry with the same key gets the same answer and changes nothing.
/// </summary>
public sealed class IdempotencyRecord
{
    public const int MaxKeyLength = 200;

    /// <summary>Responses larger than this are not kept; a retry then learns the write was applied, without its body.</summary>
    public const int MaxStoredResponse = 256 * 1024;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The user's id, so that two callers' keys never collide.</summary>
    public Guid UserId { get; set; }

    public string Key { get; set; } = "";

    /// <summary>SHA-256 (hex) of method, path, query and body.</summary>
    public string RequestHash { get; set; } = "";

    /// <summary>UTC; set in the same transaction as the write the request made, if it made one.</summary>
    public DateTime? CommittedAt { get; set; }

    public int? StatusCode { get; set; }

    public string? ContentType { get; set; }

    public string? Location { get; set; }

    public byte[]? Body { get; set; }

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>UTC; null while the request runs.</summary>
    public DateTime? CompletedAt { get; set; }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("platform_idempotency_keys");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Key).HasMaxLength(IdempotencyRecord.MaxKeyLength);
        builder.Property(r => r.RequestHash).HasMaxLength(64);
        builder.Property(r => r.ContentType).HasMaxLength(200);
        builder.Property(r => r.Location).HasMaxLength(2000);
        builder.HasIndex(r => new { r.UserId, r.Key }).IsUnique();
        builder.HasIndex(r => r.CreatedAt);
        builder.HasAnnotation(AuditAnnotations.NotAudited, true);
    }
}

/// <summary>Endpoint metadata: the endpoint honours <c>Idempotency-Key</c>.</summary>
public sealed class IdempotentWriteMetadata
{
    public static IdempotentWriteMetadata Instance { get; } = new();
}

/// <summary>The idempotency key of the current request, for <see cref="EntenteDbContext"/> to mark in the write's transaction.</summary>
public sealed class IdempotencyScope
{
    public Guid? RecordId { get; set; }

    public bool Committed { get; set; }
}

public static class IdempotencyExtensions
{
    public const string Header = "Idempotency-Key";

    /// <summary>
    /// Lets clients retry the write safely: with the same <c>Idempotency-Key</c> (and the same request) the first
    /// response is replayed and nothing is written twice; with the same key but a different request, 422.
    /// </summary>
    public static RouteHandlerBuilder Idempotent(this RouteHandlerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .WithMetadata(IdempotentWriteMetadata.Instance)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = Header,
                    In = ParameterLocation.Header,
                    Required = false,
                    Description = "A unique key (1 to 200 visible ASCII characters) per intended write. A retry with the same key and request replays the first response (with Idempotent-Replayed: true) and writes nothing; the same key with a different request answers 422. Keys are kept for 7 days.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = IdempotencyRecord.MaxKeyLength },
                });
                return Task.CompletedTask;
            });
    }
}

/// <summary>
/// Runs idempotent writes once per (user, key). The key is claimed before the handler runs; the write's own
/// transaction marks it committed (<see cref="EntenteDbContext"/>), so that even if the process dies before the
/// response is stored, a retry never applies the write twice.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next)
{
    /// <summary>A claim older than this that never committed belonged to a request that died: the key may be used again.</summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(2);

    public async Task InvokeAsync(HttpContext context, EntenteDbContext db, Caller caller, IdempotencyScope scope, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(scope);
        if (context.GetEndpoint()?.Metadata.GetMetadata<IdempotentWriteMetadata>() is null
            || !context.Request.Headers.TryGetValue(IdempotencyExtensions.Header, out var values)
            || caller.UserId is not { } userId)
        {
            await next(context);
            return;
        }

        var key = values.ToString();
        if (values.Count != 1 || key.Length is 0 or > IdempotencyRecord.MaxKeyLength || key.Any(c => c is < '!' or > '~'))
        {
            await WriteProblemAsync(context, new DomainError("idempotency.key-invalid",
                $"The Idempotency-Key header must be one value of 1 to {IdempotencyRecord.MaxKeyLength} visible ASCII characters.",
                ErrorKind.Validation, IdempotencyExtensions.Header));
            return;
        }

        var hash = await HashRequestAsync(context.Request);
        var now = time.GetUtcNow().UtcDateTime;
        var existing = await db.Set<IdempotencyRecord>().AsNoTracking().FirstOrDefaultAsync(r => r.UserId == userId && r.Key == key, context.RequestAborted);
        if (existing is not null && existing.CompletedAt is null && existing.CommittedAt is null && now - existing.CreatedAt > AbandonedAfter)
        {
            await db.Set<IdempotencyRecord>().Where(r => r.Id == existing.Id && r.CompletedAt == null && r.CommittedAt == null)
                .ExecuteDeleteAsync(context.RequestAborted);
            existing = null;
        }

        if (existing is not null)
        {
            await AnswerExistingAsync(context, existing, hash);
            return;
        }

        var record = new IdempotencyRecord { UserId = userId, Key = key, RequestHash = hash, CreatedAt = now };
        db.Set<IdempotencyRecord>().Add(record);
        try
        {
            await db.SaveChangesAsync(context.RequestAborted);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            context.Response.Headers.RetryAfter = "1";
            await WriteProblemAsync(context, InProgress);
            return;
        }

        db.Entry(record).State = EntityState.Detached;
        scope.RecordId = record.Id;

        var original = context.Response.Body;
        await using var capture = new CaptureStream(original, IdempotencyRecord.MaxStoredResponse);
        context.Response.Body = capture;
        try
        {
            await next(context);
        }
        catch (Exception ex) when (!scope.Committed && (DatabaseFailures.IsUnavailable(ex) || DatabaseFailures.IsStorageFull(ex)))
        {
            // The write did not happen (the exception handler answers 503 or 507): release the key so the client's
            // retry runs it. The database may refuse this too; then the claim expires after AbandonedAfter.
            await ReleaseQuietlyAsync(db, record.Id);
            throw;
        }
        finally
        {
            context.Response.Body = original;
        }

        var status = context.Response.StatusCode;
        if (status >= 500 || (status is StatusCodes.Status429TooManyRequests or StatusCodes.Status409Conflict && !scope.Committed))
        {
            // Nothing was applied, or the outcome may differ on a retry: release the key.
            await db.Set<IdempotencyRecord>().Where(r => r.Id == record.Id).ExecuteDeleteAsync(CancellationToken.None);
            return;
        }

        var location = context.Response.Headers.Location.ToString();
        await db.Set<IdempotencyRecord>().Where(r => r.Id == record.Id).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.StatusCode, status)
            .SetProperty(r => r.ContentType, context.Response.ContentType)
            .SetProperty(r => r.Location, location.Length == 0 ? null : location)
            .SetProperty(r => r.Body, capture.Overflowed ? null : capture.Captured)
            .SetProperty(r => r.CompletedAt, time.GetUtcNow().UtcDateTime), CancellationToken.None);
    }

    private static async Task ReleaseQuietlyAsync(EntenteDbContext db, Guid recordId)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            db.ChangeTracker.Clear();
            // Only an uncommitted claim: a commit whose acknowledgement was lost set CommittedAt in the same transaction.
            await db.Set<IdempotencyRecord>().Where(r => r.Id == recordId && r.CommittedAt == null).ExecuteDeleteAsync(limit.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException || DatabaseFailures.IsUnavailable(ex) || DatabaseFailures.IsStorageFull(ex))
        {
            // Best effort, see the caller.
        }
    }

    private static DomainError InProgress { get; } = new("idempotency.in-progress",
        "A request with this Idempotency-Key is still being processed. Retry in a moment.", ErrorKind.Conflict, IdempotencyExtensions.Header);

    private static async Task AnswerExistingAsync(HttpContext context, IdempotencyRecord existing, string hash)
    {
        if (!string.Equals(existing.RequestHash, hash, StringComparison.Ordinal))
        {
            await WriteProblemAsync(context, new DomainError("idempotency.key-reused",
                "This Idempotency-Key was already used for a different request. Use a new key for a new write.",
                ErrorKind.RuleViolation, IdempotencyExtensions.Header));
            return;
        }

        if (existing.CompletedAt is null && existing.CommittedAt is null)
        {
            context.Response.Headers.RetryAfter = "1";
            await WriteProblemAsync(context, InProgress);
            return;
        }

        context.Response.Headers["Idempotent-Replayed"] = "true";
        if (existing.Body is null || existing.StatusCode is null)
        {
            await WriteProblemAsync(context, new DomainError("idempotency.applied-without-response",
                "The write with this Idempotency-Key was applied, but its response was not kept. Read the record to see the result.",
                ErrorKind.Conflict, IdempotencyExtensions.Header));
            return;
        }

        context.Response.StatusCode = existing.StatusCode.Value;
        if (existing.ContentType is not null)
        {
            context.Response.ContentType = existing.ContentType;
        }

        if (existing.Location is not null)
        {
            context.Response.Headers.Location = existing.Location;
        }

        await context.Response.Body.WriteAsync(existing.Body, context.RequestAborted);
    }

    private static async Task<string> HashRequestAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0)
        {
            sha.AppendData(buffer, 0, read);
        }

        request.Body.Position = 0;
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static Task WriteProblemAsync(HttpContext context, DomainError error)
    {
        var problem = error.ToProblem();
        return problem.ExecuteAsync(context);
    }

    /// <summary>Passes the response through while keeping a copy of up to a limit.</summary>
    private sealed class CaptureStream(Stream inner, int limit) : Stream
    {
        private readonly MemoryStream _copy = new();

        public bool Overflowed { get; private set; }

        public byte[] Captured => _copy.ToArray();

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            Keep(buffer.AsSpan(offset, count));
            inner.Write(buffer, offset, count);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Keep(buffer.Span);
            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private void Keep(ReadOnlySpan<byte> data)
        {
            if (Overflowed)
            {
                return;
            }

            if (_copy.Length + data.Length > limit)
            {
                Overflowed = true;
                _copy.SetLength(0);
                return;
            }

            _copy.Write(data);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _copy.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}

/// <summary>Forgets idempotency keys after <see cref="Retention"/>; deleting is harmless when several instances do it.</summary>
public sealed class IdempotencyKeySweeper(IServiceScopeFactory scopes, TimeProvider time, ILogger<IdempotencyKeySweeper> logger) : BackgroundService
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<Caller>().SetSystem("system:idempotency-sweep", "system");
                var db = scope.ServiceProvider.GetRequiredService<EntenteDbContext>();
                var cutoff = time.GetUtcNow().UtcDateTime - Retention;
                await db.Set<IdempotencyRecord>().Where(r => r.CreatedAt < cutoff).ExecuteDeleteAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
            {
                logger.LogWarning(ex, "Could not forget old idempotency keys; trying again in an hour");
            }
        }
    }
}
