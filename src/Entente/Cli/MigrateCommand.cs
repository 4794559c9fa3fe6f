using System.CommandLine;
using Entente.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Entente.Cli;

internal static class MigrateCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("migrate", "Apply pending database migrations (SQLite file or PostgreSQL, as configured).");
        command.SetAction(async (_, cancellationToken) =>
        {
            await using var app = await context.BuildAsync(migrate: false, cancellationToken);
            await using var scope = CliContext.OperatorScope(app.Services);
            var db = scope.ServiceProvider.GetRequiredService<EntenteDbContext>();
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            await Infrastructure.Startup.PlatformStartup.MigrateAsync(db, cancellationToken);
            await context.Output.WriteLineAsync(pending.Count == 0
                ? "The database is up to date."
                : $"Applied {pending.Count} migration(s): {string.Join(", ", pending)}.");
            return 0;
        });
        return command;
    }
}
