using System.CommandLine;
using Entente.Infrastructure.Data;
using Entente.Modules.Identity.Domain;
using Entente.Modules.Identity.Features;
using Entente.Modules.Registry.Contracts;

namespace Entente.Cli;

internal static class UsersCommands
{
    public static Command Create(CliContext context)
    {
        var users = new Command("users", "Manage user accounts.");
        users.Subcommands.Add(Add(context));
        users.Subcommands.Add(List(context));
        users.Subcommands.Add(SetDisabled(context, "disable", true));
        users.Subcommands.Add(SetDisabled(context, "enable", false));
        users.Subcommands.Add(ResetTwoFactor(context));
        users.Subcommands.Add(ResetPassword(context));
        users.Subcommands.Add(Unlock(context));
        return users;
    }

    private static Option<string> UserOption() => new("--user")
    {
        Description = "User name or e-mail address.",
        Required = true,
    };

    private static Command Add(CliContext context)
    {
        var userName = new Option<string>("--name") { Description = "User name (letters, digits, - . _ @ +).", Required = true };
        var email = new Option<string>("--email") { Description = "E-mail address.", Required = true };
        var display = new Option<string?>("--display-name") { Description = "Name shown in the UI (default: the user name)." };
        var role = new Option<string[]>("--role")
        {
            Description = "Role: Administrator, Secretariat, Delegate, Monitor or Analyst (repeatable).",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var member = new Option<string?>("--member") { Description = "Member code the user acts for (for example GBR, NATO, CSEC)." };
        var clearance = new Option<string>("--clearance") { Description = "Classification code or rank (default PUBLIC).", DefaultValueFactory = _ => "PUBLIC" };
        var command = new Command("add", "Create a user; prints a generated password once.") { userName, email, display, role, member, clearance };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = await context.BuildAsync(migrate: true, cancellationToken);
            await using var scope = CliContext.OperatorScope(app.Services);
            var sp = scope.ServiceProvider;
            var catalog = sp.GetRequiredService<ISecurityPolicyCatalog>().Current;
            if (!catalog.TryParse(parse.GetValue(clearance), out var rank))
            {
                await context.Error.WriteLineAsync($"error: unknown clearance '{parse.GetValue(clearance)}'.");
                return 1;
            }

            var request = new CreateUserRequest(
                parse.GetValue(userName)!,
                parse.GetValue(email)!,
                parse.GetValue(display),
                parse.GetValue(role)!,
                parse.GetValue(member),
                catalog.CodeOf(rank));
            var password = GeneratedPassword.Create();
            var result = await UserAdministration.CreateAsync(sp, request, password, cancellationToken);
            if (!result.IsSuccess)
            {
                await context.Error.WriteLineAsync($"error: {result.Error!.Detail}");
                return 1;
            }

            await context.Output.WriteLineAsync($"Created user {request.UserName} ({string.Join(", ", request.Roles)}).");
            await context.Output.WriteLineAsync($"One-time password (shown once; to be changed at first sign-in): {password}");
            if (request.Roles.Any(r => Roles.RequiringTwoFactor.Contains(Roles.Normalise(r) ?? "")))
            {
                await context.Output.WriteLineAsync("This role must enrol an authenticator at first sign-in.");
            }

            return 0;
        });
        return command;
    }

    private static Command List(CliContext context)
    {
        var command = new Command("list", "List users with their roles, member, clearance and state.");
        command.SetAction(async (_, cancellationToken) =>
        {
            await using var app = await context.BuildAsync(migrate: true, cancellationToken);
            await using var scope = CliContext.OperatorScope(app.Services);
            var sp = scope.ServiceProvider;
            var db = sp.GetRequiredService<EntenteDbContext>();
            var catalog = sp.GetRequiredService<ISecurityPolicyCatalog>().Current;
            var rows = await UserAdministration.ListAsync(db, sp.GetRequiredService<TimeProvider>(), cancellationToken);
            await context.Output.WriteLineAsync($"{"USER",-20} {"MEMBER",-7} {"CLEARANCE",-13} {"2FA",-4} {"STATE",-9} ROLES");
            foreach (var u in rows)
            {
                var state = u.IsDisabled ? "disabled" : u.IsLockedOut ? "locked" : "active";
                await context.Output.WriteLineAsync(
                    $"{u.UserName,-20} {u.Member ?? "-",-7} {catalog.CodeOf(u.Clearance),-13} {(u.TwoFactorEnabled ? "yes" : "no"),-4} {state,-9} {string.Join(",", u.Roles)}");
            }

            return 0;
        });
        return command;
    }

    private static Command SetDisabled(CliContext context, string name, bool disabled)
    {
        var user = UserOption();
        var command = new Command(name, disabled
            ? "Disable a user: sign-in is refused and its sessions and API tokens stop working."
            : "Enable a disabled user.") { user };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = await context.BuildAsync(migrate: true, cancellationToken);
            await using var scope = CliContext.OperatorScope(app.Services);
            var result = await UserAdministration.SetDisabledAsync(scope.ServiceProvider, parse.GetValue(user)!, disabled, cancellationToken);
            if (!result.IsSuccess)
            {
                await context.Error.WriteLineAsync($"error: {result.Error!.Detail}");
                return 1;
            }

            await context.Output.WriteLineAsync($"{parse.GetValue(user)} is now {(disabled ? "disabled" : "enabled")}.");
            return 0;
        });
        return command;
    }

    private static Command ResetTwoFactor(CliContext context)
    {
        var user = UserOption();
        var command = new Command("reset-2fa", "Remove a user's authenticator and recovery codes; the user enrols again at next sign-in.") { user };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = await context.BuildAsync(migrate: true, cancellationToken);
            await using var scope = CliContext.OperatorScope(app.Services);
            var result = await UserAdministration.ResetTwoFactorAsync(scope.ServiceProvider, parse.GetValue(user)!, cancellationToken);
            if (!result.IsSuccess)
            {
                await context.Error.WriteLineAsync($"error: {result.Error!.Detail}");
                return 1;
            }

            await context.Output.WriteLineAsync($"Two-factor authentication of {parse.GetValue(user)} was reset.");
            return 0;
        });
        return command;
    }

    private static Command ResetPassword(CliContext context)
    {
        var user = UserOption();
        var command = new Command("reset-password",
            "Replace a user's password with a one-time password (printed once), end the lockout and the user's sessions.") { user };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = await context.BuildAsync(migrate: true, cancellationToken);
            await using var scope = CliContext.OperatorScope(app.Services);
            var result = await UserAdministration.ResetPasswordAsync(scope.ServiceProvider, parse.GetValue(user)!, cancellationToken);
            if (!result.IsSuccess)
            {
                await context.Error.WriteLineAsync($"error: {result.Error!.Detail}");
                return 1;
            }

            await context.Output.WriteLineAsync($"One-time password (shown once; to be changed at first sign-in): {result.Value}");
            return 0;
        });
        return command;
    }

    private static Command Unlock(CliContext context)
    {
        var user = UserOption();
        var command = new Command("unlock", "End a lockout after failed sign-ins now.") { user };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = await context.BuildAsync(migrate: true, cancellationToken);
            await using var scope = CliContext.OperatorScope(app.Services);
            var result = await UserAdministration.UnlockAsync(scope.ServiceProvider, parse.GetValue(user)!, cancellationToken);
            if (!result.IsSuccess)
            {
                await context.Error.WriteLineAsync($"error: {result.Error!.Detail}");
                return 1;
            }

            await context.Output.WriteLineAsync($"{parse.GetValue(user)} is unlocked.");
            return 0;
        });
        return command;
    }
}
