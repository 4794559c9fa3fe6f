using System.CommandLine;
using System.Globalization;
using System.Security.Claims;
using Entente.Infrastructure;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Security;
using Entente.Modules.Identity.Domain;
using Entente.Modules.Ledger.Contracts;
using Entente.Modules.Ledger.Files;
using Entente.Modules.Registry.Contracts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Entente.Cli;

/// <summary>
/// <c>entente import pledges FILE [--dry-run] [--as USER]</c>: the ledger's file import from the command line, with the
/// rules of the API. Exit codes: 0 stored (or, with --dry-run, every row would be), 1 the file or the user cannot be
/// used, 2 rows were refused and nothing was stored.
/// </summary>
internal static class ImportCommands
{
    public static Command Create(CliContext context)
    {
        var import = new Command("import", "Import records from files.");
        var file = new Argument<FileInfo>("FILE") { Description = "A CSV or XLSX file in the ledger's layout (docs/ledger-import.md)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check every row and report; store nothing." };
        var asUser = new Option<string?>("--as")
        {
            Description = "Act as this user (name or e-mail): their member, clearance and roles apply, as in the web UI. Without it the operator acts for the platform.",
        };
        var pledges = new Command("pledges", "Import pledges: every row is checked; all are stored in one transaction, or none.");
        pledges.Arguments.Add(file);
        pledges.Options.Add(dryRun);
        pledges.Options.Add(asUser);
        pledges.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                await context.Error.WriteLineAsync($"error: '{path.FullName}' not found.");
                return 1;
            }

            await using var app = await context.BuildAsync(migrate: false, cancellationToken);
            await using var scope = CliContext.OperatorScope(app.Services);
            var services = scope.ServiceProvider;
            var options = services.GetRequiredService<IOptions<LedgerImportOptions>>().Value;
            var principal = new ClaimsPrincipal(new ClaimsIdentity());
            if (parse.GetValue(asUser) is { } name)
            {
                var acting = await ActAsAsync(services, name);
                if (acting is null)
                {
                    await context.Error.WriteLineAsync($"error: no active user '{name}'.");
                    return 1;
                }

                principal = acting;
            }

            if (path.Length > options.MaxFileBytes)
            {
                await context.Error.WriteLineAsync($"error: {PledgeSheetReader.TooLarge(options).Detail}");
                return 1;
            }

            var (sheet, fileError) = PledgeSheetReader.Read(await File.ReadAllBytesAsync(path.FullName, cancellationToken), path.Name, options);
            if (fileError is not null)
            {
                await context.Error.WriteLineAsync($"error: {fileError.Detail}");
                return 1;
            }

            var isDryRun = parse.GetValue(dryRun);
            var progress = new ConsoleProgress(context.Error);
            var result = await PledgeImporter.RunAsync(sheet!, isDryRun, principal, services.GetRequiredService<EntenteDbContext>(),
                services.GetRequiredService<ISecurityPolicyCatalog>(), services.GetRequiredService<IFxRates>(),
                services.GetRequiredService<PlatformOptions>(), services.GetRequiredService<TimeProvider>(), progress, cancellationToken);
            await services.GetRequiredService<EntenteDbContext>().ReadAudit.FlushAsync(CancellationToken.None);
            if (!result.IsSuccess)
            {
                await context.Error.WriteLineAsync($"error: {result.Error!.Detail}");
                return 1;
            }

            var report = result.Value!;
            foreach (var row in report.Results)
            {
                foreach (var error in row.Errors)
                {
                    await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"row {row.Row}{(error.Column.Length > 0 ? $", {error.Column}" : "")}: {error.Message}"));
                }

                foreach (var warning in row.Warnings)
                {
                    await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"row {row.Row} (warning): {warning}"));
                }
            }

            var summary = report switch
            {
                { Rejected: > 0 } => $"REFUSED: {report.Rejected} of {report.Rows} rows cannot be imported; nothing was stored.",
                { DryRun: true } => $"OK (dry run): all {report.Rows} rows can be imported; nothing was stored.",
                _ => $"OK: {report.Rows} pledges stored.",
            };
            await context.Output.WriteLineAsync(summary);
            return report.Rejected > 0 ? 2 : 0;
        });
        import.Subcommands.Add(pledges);
        return import;
    }

    /// <summary>Establishes <paramref name="name"/> as the caller; null when there is no such active user.</summary>
    private static async Task<ClaimsPrincipal?> ActAsAsync(IServiceProvider services, string name)
    {
        var users = services.GetRequiredService<UserManager<EntenteUser>>();
        var user = await users.FindByNameAsync(name) ?? await users.FindByEmailAsync(name);
        if (user is null || user.IsDisabled)
        {
            return null;
        }

        var db = services.GetRequiredService<EntenteDbContext>();
        var groups = user.MemberCode is null
            ? []
            : await db.SharingGroupMembers.AsNoTracking().Where(m => m.MemberCode == user.MemberCode).Select(m => m.GroupId).ToListAsync();
        services.GetRequiredService<Caller>().SetUser(user.Id, user.UserName ?? name,
            AccessScope.ForUser(user.Clearance, user.MemberCode, groups), "cli", System.Diagnostics.Activity.Current?.TraceId.ToString(), "cli");
        var factory = services.GetRequiredService<IUserClaimsPrincipalFactory<EntenteUser>>();
        return await factory.CreateAsync(user);
    }

    /// <summary>Reports progress on standard error, a line per tenth of the file.</summary>
    private sealed class ConsoleProgress(TextWriter error) : IProgress<ImportProgress>
    {
        private int _lastTenth = -1;
        private ImportPhase _phase;

        public void Report(ImportProgress value)
        {
            if (value.Total == 0)
            {
                return;
            }

            var tenth = value.Done * 10 / value.Total;
            if (value.Phase == _phase && tenth == _lastTenth)
            {
                return;
            }

            _phase = value.Phase;
            _lastTenth = tenth;
            var verb = value.Phase == ImportPhase.Storing ? "stored" : "checked";
            if (value.Phase != ImportPhase.Finished)
            {
                error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{verb} {value.Done:N0} of {value.Total:N0} rows"));
            }
        }
    }
}
