using System.CommandLine;
using Entente.Infrastructure;
using Entente.Infrastructure.Security;
using Entente.Infrastructure.Startup;

namespace Entente.Cli;

/// <summary>
/// The <c>entente</c> command line: the same services as the web host, without serving. Each command runs as
/// <c>cli:{operator}</c> in the audit chain. Without a command the program serves.
/// </summary>
public static class CliApp
{
    private static readonly HashSet<string> Commands = new(StringComparer.Ordinal)
    {
        "migrate", "users", "tokens", "audit", "demo", "fx", "import", "labels", "backup", "restore", "--help", "-h", "-?", "--version",
    };

    public static bool IsCommand(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args.Length > 0 && Commands.Contains(args[0]);
    }

    /// <summary>Runs one command. <paramref name="configure"/> lets tests point the host at their database.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        var context = new CliContext(output, error, configure);
        var root = new RootCommand("Entente: the coalition's coordination platform. Without a command, serves the web UI and API.");
        root.Subcommands.Add(MigrateCommand.Create(context));
        root.Subcommands.Add(UsersCommands.Create(context));
        root.Subcommands.Add(TokensCommands.Create(context));
        root.Subcommands.Add(AuditCommands.Create(context));
        root.Subcommands.Add(DemoCommands.Create(context));
        root.Subcommands.Add(FxCommands.Create(context));
        root.Subcommands.Add(ImportCommands.Create(context));
        root.Subcommands.Add(LabelsCommands.Create(context));
        root.Subcommands.Add(BackupCommand.Create(context));
        root.Subcommands.Add(RestoreCommand.Create(context));
        var parse = root.Parse(args);
        return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
    }
}

/// <summary>Builds the host services for one command and establishes the operator as the audit actor.</summary>
public sealed class CliContext(TextWriter output, TextWriter error, Action<WebApplicationBuilder>? configure)
{
    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>Builds the application (not started), migrating first unless <paramref name="migrate"/> is false.</summary>
    public async Task<WebApplication> BuildAsync(bool migrate, CancellationToken cancellationToken)
    {
        var app = BuildUnprepared();
        await app.Services.PrepareAsync(migrate, seedDemo: false, cancellationToken);
        return app;
    }

    /// <summary>
    /// Builds the application without touching the database: for commands that must read the configuration before
    /// the database exists or holds a schema (<c>restore</c>).
    /// </summary>
    public WebApplication BuildUnprepared()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.Configuration["Entente:Audit:RunCheckpointJob"] = "false";
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        configure?.Invoke(builder);
        builder.AddEntente();
        return builder.Build();
    }

    /// <summary>A service scope acting as the operator on the command line.</summary>
    public static AsyncServiceScope OperatorScope(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Caller>().SetSystem($"cli:{Environment.UserName}", "cli");
        return scope;
    }
}
