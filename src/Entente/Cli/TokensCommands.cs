using System.CommandLine;
using Entente.Infrastructure.Data;
using Entente.Modules.Identity.Domain;
using Entente.Modules.Identity.Features;
using Microsoft.AspNetCore.Identity;

namespace Entente.Cli;

internal static class TokensCommands
{
    public static Command Create(CliContext context)
    {
        var tokens = new Command("tokens", "Issue, list and revoke API tokens for machine clients.");
        tokens.Subcommands.Add(Issue(context));
        tokens.Subcommands.Add(List(context));
        tokens.Subcommands.Add(Revoke(context));
        return tokens;
    }

    private static Command Issue(CliContext context)
    {
        var user = new Option<string>("--user") { Description = "User name or e-mail the token acts as.", Required = true };
        var name = new Option<string>("--name") { Description = "What the token is for (for example 'sensor feed north').", Required = true };
        var expires = new Option<string>("--expires")
        {
            Description = "Expiry: a date (2027-01-31), an instant, or days from now (90d). At most 366 days.",
            DefaultValueFactory = _ => "90d",
        };
        var command = new Command("issue", "Issue a token; prints it once.") { user, name, expires };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = await context.BuildAsync(migrate: true, cancellationToken);
            await using var scope = CliContext.OperatorScope(app.Services);
            var sp = scope.ServiceProvider;
            var time = sp.GetRequiredService<TimeProvider>();
            var account = await UserAdministration.FindAsync(sp.GetRequiredService<UserManager<EntenteUser>>(), parse.GetValue(user)!);
            if (account is null)
            {
                await context.Error.WriteLineAsync($"error: there is no user '{parse.GetValue(user)}'.");
                return 1;
            }

            if (!ApiTokens.TryParseExpiry(parse.GetValue(expires), time.GetUtcNow().UtcDateTime, out var expiresAt))
            {
                await context.Error.WriteLineAsync($"error: '{parse.GetValue(expires)}' is not a date, an instant or a number of days such as 90d.");
                return 1;
            }

            var issued = await ApiTokens.IssueAsync(sp.GetRequiredService<EntenteDbContext>(), account.Id, parse.GetValue(name)!, expiresAt, time, cancellationToken);
            if (!issued.IsSuccess)
            {
                await context.Error.WriteLineAsync($"error: {issued.Error!.Detail}");
                return 1;
            }

            await context.Output.WriteLineAsync($"Token {issued.Value.Token.Id:N} for {account.UserName}, expires {issued.Value.Token.ExpiresAt:yyyy-MM-dd HH:mm} UTC.");
            await context.Output.WriteLineAsync("Shown once; store it in the client's secret store:");
            await context.Output.WriteLineAsync(issued.Value.Text);
            return 0;
        });
        return command;
    }

    private static Command List(CliContext context)
    {
        var user = new Option<string?>("--user") { Description = "Only this user's tokens." };
        var command = new Command("list", "List tokens (never their secrets).") { user };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = await context.BuildAsync(migrate: true, cancellationToken);
            await using var scope = CliContext.OperatorScope(app.Services);
            var sp = scope.ServiceProvider;
            var users = sp.GetRequiredService<UserManager<EntenteUser>>();
            Guid? userId = null;
            if (parse.GetValue(user) is { } name)
            {
                var account = await UserAdministration.FindAsync(users, name);
                if (account is null)
                {
                    await context.Error.WriteLineAsync($"error: there is no user '{name}'.");
                    return 1;
                }

                userId = account.Id;
            }

            var tokens = await ApiTokens.ListAsync(sp.GetRequiredService<EntenteDbContext>(), userId, sp.GetRequiredService<TimeProvider>(), cancellationToken);
            var names = users.Users.ToDictionary(u => u.Id, u => u.UserName ?? "");
            await context.Output.WriteLineAsync($"{"ID",-32} {"USER",-16} {"STATE",-8} {"EXPIRES",-17} NAME");
            foreach (var t in tokens)
            {
                var state = t.RevokedAt is not null ? "revoked" : t.IsActive ? "active" : "expired";
                await context.Output.WriteLineAsync($"{t.Id:N} {names.GetValueOrDefault(t.UserId, "?"),-16} {state,-8} {t.ExpiresAt:yyyy-MM-dd HH:mm} {t.Name}");
            }

            return 0;
        });
        return command;
    }

    private static Command Revoke(CliContext context)
    {
        var id = new Option<Guid>("--id") { Description = "Token id (as listed).", Required = true };
        var command = new Command("revoke", "Revoke a token at once.") { id };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = await context.BuildAsync(migrate: true, cancellationToken);
            await using var scope = CliContext.OperatorScope(app.Services);
            var sp = scope.ServiceProvider;
            var result = await ApiTokens.RevokeAsync(sp.GetRequiredService<EntenteDbContext>(), parse.GetValue(id), null,
                $"cli:{Environment.UserName}", sp.GetRequiredService<TimeProvider>(), cancellationToken);
            if (!result.IsSuccess)
            {
                await context.Error.WriteLineAsync($"error: {result.Error!.Detail}");
                return 1;
            }

            await context.Output.WriteLineAsync($"Token {parse.GetValue(id):N} revoked.");
            return 0;
        });
        return command;
    }
}
