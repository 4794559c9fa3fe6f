using System.CommandLine;
using System.Security.Cryptography;
using Entente.Infrastructure;
using Entente.Modules.Audit;
using Entente.Modules.Sharing.Contracts;
using Microsoft.Extensions.Options;

namespace Entente.Cli;

/// <summary>
/// <c>entente labels verify|show</c>: check an exported file against its signed label sidecar (ADR 0018). Exit codes:
/// 0 verified, 1 something does not match (named), 2 the command could not run (a file or key missing or unreadable).
/// </summary>
internal static class LabelsCommands
{
    public static Command Create(CliContext context)
    {
        var labels = new Command("labels", "Check exported files against their signed label sidecars.");

        var file = new Argument<string>("FILE") { Description = "The exported file." };
        var sidecarOption = new Option<string?>("--sidecar") { Description = "The sidecar (default: FILE.label.json)." };
        var keyOption = new Option<string?>("--key")
        {
            Description = "PEM file of the public (or private) label signing key (default: this installation's key, Entente:Sharing:LabelSigningKeyPath).",
        };
        var verify = new Command("verify", "Recompute the file's size and SHA-256 and check the sidecar's signature; prints the label marking and 'verified', or names what does not match (size, hash, key id, signature). Exit code 1 on a mismatch.");
        verify.Arguments.Add(file);
        verify.Options.Add(sidecarOption);
        verify.Options.Add(keyOption);
        verify.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            var sidecarPath = parse.GetValue(sidecarOption) ?? path + ".label.json";
            foreach (var required in new[] { path, sidecarPath })
            {
                if (!File.Exists(required))
                {
                    await context.Error.WriteLineAsync($"error: '{required}' not found.");
                    return 2;
                }
            }

            LabelSigner key;
            try
            {
                key = parse.GetValue(keyOption) is { } keyPath
                    ? File.Exists(keyPath)
                        ? LabelSigner.FromPem(await File.ReadAllTextAsync(keyPath, cancellationToken), keyPath)
                        : throw new FileNotFoundException($"signing key '{keyPath}' not found.")
                    : await InstallationKeyAsync(context, cancellationToken);
            }
            catch (Exception ex) when (ex is FileNotFoundException or CryptographicException)
            {
                await context.Error.WriteLineAsync($"error: {ex.Message}");
                return 2;
            }

            using (key)
            {
                SidecarCheck check;
                try
                {
                    await using var stream = File.OpenRead(path);
                    check = await LabelSidecar.VerifyAsync(stream, await File.ReadAllTextAsync(sidecarPath, cancellationToken), key, cancellationToken);
                }
                catch (FormatException ex)
                {
                    await context.Error.WriteLineAsync($"error: '{sidecarPath}': {ex.Message}");
                    return 2;
                }

                await context.Output.WriteLineAsync($"Label: {check.Marking ?? "(none)"}");
                if (check.IsValid)
                {
                    await context.Output.WriteLineAsync($"verified: {Path.GetFileName(path)} is the file the sidecar's label was signed for (key {key.KeyId}).");
                    return 0;
                }

                foreach (var problem in check.Problems)
                {
                    await context.Output.WriteLineAsync($"MISMATCH {problem}.");
                }

                await context.Output.WriteLineAsync("NOT verified.");
                return 1;
            }
        });

        var sidecarArgument = new Argument<string>("SIDECAR") { Description = "A FILE.label.json sidecar." };
        var show = new Command("show", "Print a sidecar's marking and what it binds (without checking the signature).");
        show.Arguments.Add(sidecarArgument);
        show.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(sidecarArgument)!;
            if (!File.Exists(path))
            {
                await context.Error.WriteLineAsync($"error: '{path}' not found.");
                return 2;
            }

            try
            {
                var document = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(path, cancellationToken));
                var data = document?["dataReference"];
                await context.Output.WriteLineAsync($"Label: {document?["marking"]}");
                await context.Output.WriteLineAsync($"File: {data?["fileName"]} ({data?["size"]} bytes, SHA-256 {data?["sha256"]})");
                await context.Output.WriteLineAsync($"Created: {document?["creationDateTime"]} by {document?["export"]?["exportedBy"]}; signed with key {document?["signature"]?["keyId"]}");
                return 0;
            }
            catch (System.Text.Json.JsonException ex)
            {
                await context.Error.WriteLineAsync($"error: '{path}' is not valid JSON: {ex.Message}");
                return 2;
            }
        });

        labels.Subcommands.Add(verify);
        labels.Subcommands.Add(show);
        return labels;
    }

    private static async Task<LabelSigner> InstallationKeyAsync(CliContext context, CancellationToken cancellationToken)
    {
        await using var app = await context.BuildAsync(migrate: false, cancellationToken);
        var platform = app.Services.GetRequiredService<PlatformOptions>();
        var options = app.Services.GetRequiredService<IOptions<SharingOptions>>().Value;
        return LabelSigner.Load(AuditModule.ResolvePath(options.LabelSigningKeyPath, platform), create: false);
    }
}
