using System.CommandLine;
using Entente.Infrastructure;
using Entente.Modules.Audit;
using Microsoft.Extensions.Options;

namespace Entente.Cli;

internal static class AuditCommands
{
    public static Command Create(CliContext context)
    {
        var audit = new Command("audit", "Check and sign the audit chain.");

        var keyOption = new Option<string?>("--key")
        {
            Description = "PEM file of the checkpoint signing key (default: Entente:Audit:SigningKeyPath).",
        };
        var verify = new Command("verify", "Recompute the whole hash chain and check every signed checkpoint; names the first entry that does not match.");
        verify.Options.Add(keyOption);
        verify.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = await context.BuildAsync(migrate: false, cancellationToken);
            await using var scope = CliContext.OperatorScope(app.Services);
            var platform = scope.ServiceProvider.GetRequiredService<PlatformOptions>();
            var options = scope.ServiceProvider.GetRequiredService<IOptions<AuditOptions>>().Value;
            var keyPath = parse.GetValue(keyOption) ?? AuditModule.ResolveKeyPath(options, platform);
            CheckpointSigner? signer = null;
            if (File.Exists(keyPath))
            {
                signer = CheckpointSigner.Load(keyPath, create: false);
            }
            else
            {
                await context.Error.WriteLineAsync($"warning: signing key '{keyPath}' not found; checkpoint signatures are not checked.");
            }

            using (signer)
            {
                var db = scope.ServiceProvider.GetRequiredService<Infrastructure.Data.EntenteDbContext>();
                var result = await new AuditChainVerifier(db, signer).VerifyAsync(cancellationToken);
                if (result.IsValid)
                {
                    await context.Output.WriteLineAsync(
                        $"OK: {result.EntriesChecked} entries form an unbroken chain; {result.CheckpointsVerified} signed checkpoint(s) verified.");
                    return 0;
                }

                await context.Output.WriteLineAsync($"FAILED at entry {result.FirstBadSequence}: {result.Problem}.");
                await context.Output.WriteLineAsync($"{result.EntriesChecked} entries before it are intact.");
                return 2;
            }
        });

        var checkpoint = new Command("checkpoint", "Sign a checkpoint at the current head of the chain now.");
        checkpoint.SetAction(async (_, cancellationToken) =>
        {
            await using var app = await context.BuildAsync(migrate: false, cancellationToken);
            await using var scope = CliContext.OperatorScope(app.Services);
            var written = await scope.ServiceProvider.GetRequiredService<AuditCheckpointWriter>().WriteAsync(cancellationToken);
            await context.Output.WriteLineAsync(written is null
                ? "The head of the chain is already signed (or the chain is empty)."
                : $"Signed checkpoint at entry {written.Sequence} with key {written.KeyId}.");
            return 0;
        });

        audit.Subcommands.Add(verify);
        audit.Subcommands.Add(checkpoint);
        return audit;
    }
}
