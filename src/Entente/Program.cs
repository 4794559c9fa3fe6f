using Entente.Cli;
using Entente.Infrastructure;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Startup;

if (CliApp.IsCommand(args))
{
    return await CliApp.RunAsync(args, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddEntente();
var app = builder.Build();
app.UseEntente();
await app.Services.PrepareAsync(app.Services.GetRequiredService<DatabaseOptions>().MigrateOnStart);
await app.RunAsync();
return 0;

/// <summary>The host's entry point; public for WebApplicationFactory in the tests.</summary>
public partial class Program;
