using System.CommandLine;
using Entente.Infrastructure;
using Entente.Infrastructure.Data;
using Entente.Modules.Audit;
using Entente.Modules.Audit.Features;
using Microsoft.Extensions.Options;

namespace Entente.Cli;

/// <summary>
/// <c>entente audit verify|checkpoint</c>. Exit codes: 0 the chain is intact (or a checkpoint was handled),
/// 1 the command could not run (a named key file is missing or unreadable), 2 the chain is broken.
/// </summary>
internal static class AuditCommands
{
    public static Command Create(CliContext context)
    {
        var audit = new Command("audit", "Check and sign the audit chain.");

        var keyOption = new Option<string?>("--key")
        {
            Description = "PEM file of the checkpoint signing key (default: Entente:Audit:SigningKeyPath).",
        };
        var verify = new Command("verify", "Recompute the whole hash chain and check every signed checkpoint; names the first entry that does not match. Exit code 2 when the chain is broken.");
        verify.Options.Add(keyOption);
        verify.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = await context.BuildAsync(migrate: false, cancellationToken);
            await using var scope = CliContext.OperatorScope(app.Services);
            var platform = scope.ServiceProvider.GetRequiredService<PlatformOptions>();
            var options = scope.ServiceProvider.GetRequiredService<IOptions<AuditOptions>>().Value;
            var explicitKey = parse.GetValue(keyOption);
            var keyPath = explicitKey ?? AuditModule.ResolveKeyPath(options, platform);
            CheckpointSigner? signer = null;
            if (File.Exists(keyPath))
            {
                try
                {
                    signer = CheckpointSigner.Load(keyPath, create: false);
                }
                catch (System.Security.Cryptography.CryptographicException ex)
                {
                    await context.Error.WriteLineAsync($"error: '{keyPath}' is not a usable signing key: {ex.Message}");
                    return 1;
                }
            }
            else if (explicitKey is not null)
            {
                await context.Error.WriteLineAsync($"error: signing key '{keyPath}' not found.");
                return 1;
            }
            else
            {
                await context.Error.WriteLineAsync($"warning: signing key '{keyPath}' not found; checkpoints are compared but their signatures are not checked.");
            }

            using (signer)
            {
                var db = scope.ServiceProvider.GetRequiredService<EntenteDbContext>();
                var witness = scope.ServiceProvider.GetRequiredService<CheckpointWitness>();
                var result = await new AuditChainVerifier(db, signer, witness).VerifyAsync(cancellationToken);
                try
                {
                    await VerifyAuditChain.RecordAsync(db, result, cancellationToken);
                }
                catch (Exception ex) when (ex is Microsoft.EntityFrameworkCore.DbUpdateException or System.Data.Common.DbException)
                {
                    // A read-only replica can be verified too; the outcome just cannot be logged in it.
                    await context.Error.WriteLineAsync($"warning: the verification could not be recorded in the audit chain: {ex.GetBaseException().Message}");
                }

                if (result.IsValid)
                {
                    await context.Output.WriteLineAsync(
                        $"OK: {result.EntriesChecked} entries form an unbroken chain; {result.CheckpointsVerified} signed checkpoint(s) verified.");
                    return 0;
                }

                await context.Output.WriteLineAsync(result.FirstBadSequence is { } bad
                    ? $"FAILED at entry {bad}: {result.Problem}."
                    : $"FAILED: {result.Problem}.");
                await context.Output.WriteLineAsync($"{result.EntriesChecked} entries before it are intact.");
                return 2;
            }
        });

        var checkpoint = new Command("checkpoint", "Verify the entries since the last checkpoint and sign a checkpoint at the head of the chain now. Exit code 2 when the chain is broken.");
        checkpoint.SetAction(async (_, cancellationToken) =>
        {
            await using var app = await context.BuildAsync(migrate: false, cancellationToken);
            await using var scope = CliContext.OperatorScope(app.Services);
            var outcome = await scope.ServiceProvider.GetRequiredService<AuditCheckpointWriter>().WriteAsync(cancellationToken);
            if (!outcome.Verification.IsValid)
            {
                await context.Output.WriteLineAsync(
                    $"NOT SIGNED: the chain is broken at entry {outcome.Verification.FirstBadSequence}: {outcome.Verification.Problem}.");
                return 2;
            }

            await context.Output.WriteLineAsync(outcome.Written is null
                ? "The head of the chain is already signed (or the chain is empty)."
                : $"Signed checkpoint at entry {outcome.Written.Sequence} with key {outcome.Written.KeyId}.");
            if (outcome.WitnessProblem is not null)
            {
                await context.Error.WriteLineAsync($"warning: {outcome.WitnessProblem}");
            }

            return 0;
        });

        audit.Subcommands.Add(verify);
        audit.Subcommands.Add(checkpoint);
        return audit;
    }
}
