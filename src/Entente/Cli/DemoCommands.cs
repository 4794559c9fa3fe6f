using System.CommandLine;
using Entente.Demo;
using Entente.Modules.Identity.Domain;
using Entente.Modules.Identity.Features;
using Microsoft.AspNetCore.Identity;

namespace Entente.Cli;

internal static class DemoCommands
{
    public static Command Create(CliContext context)
    {
        var demo = new Command("demo", "Demo data: the coalition as publicly reported in 2025–2026 and one user per role.");

        var reset = new Command("reset", "Remove the demo members, delegates and users and create them again; prints new credentials.");
        reset.SetAction(async (_, cancellationToken) =>
        {
            await using var app = await context.BuildAsync(migrate: true, cancellationToken);
            await using var scope = CliContext.OperatorScope(app.Services);
            var seeder = ActivatorUtilities.CreateInstance<DemoSeeder>(scope.ServiceProvider);
            var credentials = await seeder.ResetAsync(cancellationToken);
            DemoSeeder.Print(credentials, context.Output);
            return 0;
        });

        var user = new Argument<string>("user") { Description = "Demo user name, for example admin." };
        var code = new Command("code", "Print the current authenticator code of a demo user (demo accounts only).") { user };
        code.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = await context.BuildAsync(migrate: true, cancellationToken);
            await using var scope = CliContext.OperatorScope(app.Services);
            var users = scope.ServiceProvider.GetRequiredService<UserManager<EntenteUser>>();
            var account = await UserAdministration.FindAsync(users, parse.GetValue(user)!);
            if (account is null || !account.IsDemo)
            {
                await context.Error.WriteLineAsync("error: codes are only printed for demo accounts.");
                return 1;
            }

            var key = await users.GetAuthenticatorKeyAsync(account);
            if (key is null)
            {
                await context.Error.WriteLineAsync($"error: {account.UserName} has no authenticator.");
                return 1;
            }

            var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
            await context.Output.WriteLineAsync(new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(key)).ComputeTotp(now.UtcDateTime));
            return 0;
        });

        demo.Subcommands.Add(reset);
        demo.Subcommands.Add(code);
        return demo;
    }
}
