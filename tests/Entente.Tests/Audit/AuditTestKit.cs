using System.Text.Json;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Security;
using Entente.Modules.Audit;
using Entente.Modules.Registry.Domain;
using Entente.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Entente.Tests.Audit;

/// <summary>Helpers the audit tests share: acting as a given user inside the host, reading the chain as the platform.</summary>
internal static class AuditTestKit
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Runs <paramref name="action"/> in a scope whose caller is <paramref name="user"/> (its member and clearance).</summary>
    public static async Task<T> AsUserAsync<T>(this EntenteApp app, TestUser user, Func<EntenteDbContext, Task<T>> action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Caller>().SetUser(user.Id, user.UserName,
            AccessScope.ForUser(user.Clearance, user.Member, []), "203.0.113.7", null, "tests");
        return await action(scope.ServiceProvider.GetRequiredService<EntenteDbContext>());
    }

    /// <summary>The sequence number of the last entry of the chain (0 when empty).</summary>
    public static Task<long> HeadAsync(this EntenteApp app) =>
        app.DbAsync(async db => await db.AuditEntries.MaxAsync(e => (long?)e.Sequence) ?? 0);

    /// <summary>Verifies the whole chain with the host's key and the copy of the last checkpoint.</summary>
    public static Task<ChainVerification> VerifyAsync(this EntenteApp app, CheckpointSigner? signer = null) =>
        app.AsSystemAsync(sp => new AuditChainVerifier(
            sp.GetRequiredService<EntenteDbContext>(),
            signer ?? sp.GetRequiredService<CheckpointSigner>(),
            sp.GetRequiredService<CheckpointWitness>()).VerifyAsync(CancellationToken.None));

    /// <summary>Signs a checkpoint at the head, as the checkpoint job does.</summary>
    public static Task<CheckpointOutcome> CheckpointAsync(this EntenteApp app) =>
        app.AsSystemAsync(sp => sp.GetRequiredService<AuditCheckpointWriter>().WriteAsync(CancellationToken.None));

    /// <summary>Registers a delegate of <paramref name="member"/> under <paramref name="label"/>, as the platform; returns its id.</summary>
    public static Task<Guid> AddDelegateAsync(this EntenteApp app, string member, string name, Label label) =>
        app.DbAsync(async db =>
        {
            var person = Representative.Appoint(member, name, "Adviser", null, null, false, null, label, DateTime.UtcNow).Value!;
            db.Delegates.Add(person);
            await db.SaveChangesAsync();
            return person.Id;
        });

    public static string Id(Guid id) => id.ToString("D");
}

/// <summary>
/// Copies the audit tables (and the checkpoint copy outside the database) before a test tampers with them, and puts
/// them back afterwards, so each tampering test starts from an intact chain.
/// </summary>
internal sealed class ChainSnapshot : IAsyncDisposable
{
    private readonly EntenteApp _app;
    private readonly string _witnessPath;
    private readonly byte[]? _witness;

    private ChainSnapshot(EntenteApp app, string witnessPath, byte[]? witness)
    {
        _app = app;
        _witnessPath = witnessPath;
        _witness = witness;
    }

    public static async Task<ChainSnapshot> TakeAsync(EntenteApp app)
    {
        foreach (var table in new[] { "audit_entries", "audit_checkpoints" })
        {
            await app.ExecuteSqlAsync($"DROP TABLE IF EXISTS {table}_snapshot");
            await app.ExecuteSqlAsync($"CREATE TABLE {table}_snapshot AS SELECT * FROM {table}");
        }

        var path = app.Services.GetRequiredService<CheckpointWitness>().Path;
        return new ChainSnapshot(app, path, File.Exists(path) ? await File.ReadAllBytesAsync(path) : null);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var table in new[] { "audit_entries", "audit_checkpoints" })
        {
            await _app.ExecuteSqlAsync($"DELETE FROM {table}");
            await _app.ExecuteSqlAsync($"INSERT INTO {table} SELECT * FROM {table}_snapshot");
            await _app.ExecuteSqlAsync($"DROP TABLE {table}_snapshot");
        }

        if (_witness is null)
        {
            File.Delete(_witnessPath);
        }
        else
        {
            await File.WriteAllBytesAsync(_witnessPath, _witness);
        }
    }
}
