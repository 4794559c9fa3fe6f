using System.Data.Common;
using System.Net.Http.Headers;
using Entente.Cli;
using Entente.Demo;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Security;
using Entente.Modules.Identity.Auth;
using Entente.Modules.Identity.Domain;
using Entente.Modules.Identity.Features;
using Entente.Modules.Registry.Domain;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Xunit;

namespace Entente.Testing;

public enum TestProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// One running Entente host on its own database (a temporary SQLite file or a fresh PostgreSQL database),
/// shared by the tests of one class. Registers the demo coalition's members (no demo users) so tests can
/// create users of any member, role and clearance and act as them over HTTP.
/// </summary>
public abstract class EntenteApp : IAsyncLifetime
{
    private WebApplicationFactory<Program>? _factory;

    public abstract TestProvider Provider { get; }

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "entente-tests", Guid.NewGuid().ToString("N"));

    public string ConnectionString { get; private set; } = "";

    public WebApplicationFactory<Program> Factory => _factory ?? throw new InvalidOperationException("The app is not started.");

    public IServiceProvider Services => Factory.Services;

    /// <summary>What the host logged as errors since it started (the reason behind a 500).</summary>
    public ServerErrors Errors { get; } = new();

    /// <summary>Serve on a real loopback port (for the browser) instead of the in-memory test server.</summary>
    protected virtual bool RealServer => false;

    /// <summary>The address the host answers on: https://localhost in memory, http://127.0.0.1:port with <see cref="RealServer"/>.</summary>
    public Uri BaseAddress { get; private set; } = new("https://localhost");

    /// <summary>Settings every test host gets; subclasses add or override (for example low rate limits).</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>Where a PostgreSQL app's database lives: the suite's shared server, unless a harness brings its own.</summary>
    protected virtual Task<string> CreatePostgresDatabaseAsync() => TestPostgres.CreateDatabaseAsync("entente_test");

    protected virtual Task DropPostgresDatabaseAsync(string connectionString) => TestPostgres.DropDatabaseAsync(connectionString);

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(DataDirectory);
        ConnectionString = Provider switch
        {
            TestProvider.Sqlite => new SqliteConnectionStringBuilder { DataSource = Path.Combine(DataDirectory, "entente.db") }.ToString(),
            TestProvider.Postgres => await CreatePostgresDatabaseAsync(),
        };
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in AllSettings())
            {
                builder.UseSetting(key, value);
            }

            builder.UseEnvironment("Testing");

            // Outside Development the host serves assets from a published wwwroot; in tests, from the build's manifest.
            builder.UseStaticWebAssets();
        });
        if (RealServer)
        {
            _factory.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
            _factory.StartServer();
            BaseAddress = _factory.ClientOptions.BaseAddress;
        }
        else
        {
            _ = _factory.Server; // starts the host: migrations, policy, roles
        }

        Services.GetRequiredService<ILoggerFactory>().AddProvider(Errors);
        await SeedMembersAsync();
    }

    /// <summary>
    /// Another host on the same database and data directory (so the same key ring and audit signing key): a second
    /// instance behind a load balancer, or this one after a restart. It starts on first use; the caller disposes it.
    /// </summary>
    public WebApplicationFactory<Program> AnotherHost(IReadOnlyDictionary<string, string?>? overrides = null) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in AllSettings())
            {
                builder.UseSetting(key, value);
            }

            foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
            {
                builder.UseSetting(key, value);
            }

            builder.UseEnvironment("Testing");
            builder.UseStaticWebAssets();
        });

    public virtual async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (Provider == TestProvider.Postgres && ConnectionString.Length > 0)
        {
            await DropPostgresDatabaseAsync(ConnectionString);
        }
        else
        {
            SqliteConnection.ClearAllPools();
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow shutdown; the temporary directory is cleaned by the OS.
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>The configuration a host (or a command-line run) gets in tests.</summary>
    public IEnumerable<KeyValuePair<string, string?>> AllSettings()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Entente:DataDirectory"] = DataDirectory,
            ["Entente:Database:Provider"] = Provider.ToString(),
            ["ConnectionStrings:Entente"] = ConnectionString,
            ["Entente:Demo:SeedOnFirstStart"] = "false",
            ["Entente:Audit:RunCheckpointJob"] = "false",
            ["Entente:Monitoring:Jobs:Run"] = "false",
            ["Entente:Summits:Reminders:Run"] = "false",
            ["Entente:Summits:SilenceJob:Run"] = "false",
            ["Entente:Summits:OverdueActions:Run"] = "false",
            ["Entente:RateLimits:SignInPerMinute"] = "10000",
            ["Entente:RateLimits:TokensPerMinute"] = "10000",
            ["Entente:RateLimits:ApiPerMinute"] = "1000000",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:Console:FormatterName"] = "simple",
        };
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>An HTTP client without credentials.</summary>
    public HttpClient Anonymous() => Factory.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        BaseAddress = BaseAddress,
    });

    /// <summary>An HTTP client that follows no redirects and keeps cookies (for page and sign-in tests).</summary>
    public HttpClient CookieClient() => Factory.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
        BaseAddress = BaseAddress,
    });

    /// <summary>An HTTP client acting as <paramref name="user"/> with a fresh API token.</summary>
    public async Task<HttpClient> ClientAsync(TestUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var token = await IssueTokenAsync(user, "tests");
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>
    /// Creates a user and returns an HTTP client acting as it. A role that requires two-factor authentication gets an
    /// enrolled authenticator, since the platform refuses such a user's tokens without one.
    /// </summary>
    public async Task<HttpClient> ClientAsync(string role, string? member, int clearance) =>
        await ClientAsync(await CreateUserAsync(role, member, clearance, twoFactor: TwoFactorRequirement.AppliesTo([role])));

    public async Task<string> IssueTokenAsync(TestUser user, string name)
    {
        ArgumentNullException.ThrowIfNull(user);
        return await AsSystemAsync(async sp =>
        {
            var time = sp.GetRequiredService<TimeProvider>();
            var issued = await ApiTokens.IssueAsync(sp.GetRequiredService<EntenteDbContext>(), user.Id, name,
                time.GetUtcNow().UtcDateTime.AddDays(30), time, CancellationToken.None);
            return issued.Value.Text;
        });
    }

    /// <summary>Creates a user with a unique name; with <paramref name="twoFactor"/>, an enrolled authenticator.</summary>
    public Task<TestUser> CreateUserAsync(string role, string? member, int clearance, bool twoFactor = false) =>
        CreateUserAsync([role], member, clearance, twoFactor);

    public async Task<TestUser> CreateUserAsync(IReadOnlyList<string> roles, string? member, int clearance, bool twoFactor = false)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var userName = $"{string.Join("-", roles).ToLowerInvariant()}-{Guid.NewGuid():N}"[..40];
        var password = DemoSeeder.GeneratePassword();
        return await AsSystemAsync(async sp =>
        {
            var created = await UserAdministration.CreateAsync(sp,
                new CreateUserRequest(userName, $"{userName}@tests.invalid", $"Test {roles[0]}", roles, member, clearance.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                password, passwordChangeRequired: false, CancellationToken.None);
            if (!created.IsSuccess)
            {
                throw new InvalidOperationException($"Could not create test user: {created.Error!.Detail}");
            }

            var user = created.Value!;
            string? key = null;
            if (twoFactor)
            {
                var users = sp.GetRequiredService<UserManager<EntenteUser>>();
                await users.ResetAuthenticatorKeyAsync(user);
                key = await users.GetAuthenticatorKeyAsync(user);
                await users.SetTwoFactorEnabledAsync(user, true);
            }

            return new TestUser(user.Id, userName, password, key, member, clearance, roles);
        });
    }

    /// <summary>Runs <paramref name="action"/> in a service scope acting as the platform (no label restriction).</summary>
    public async Task<T> AsSystemAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Caller>().SetSystem("system:tests", "tests");
        return await action(scope.ServiceProvider);
    }

    public Task AsSystemAsync(Func<IServiceProvider, Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return AsSystemAsync(async sp =>
        {
            await action(sp);
            return true;
        });
    }

    /// <summary>Runs <paramref name="action"/> against the context as the platform.</summary>
    public Task<T> DbAsync<T>(Func<EntenteDbContext, Task<T>> action) =>
        AsSystemAsync(sp => action(sp.GetRequiredService<EntenteDbContext>()));

    /// <summary>Runs one <c>entente</c> command against this app's database.</summary>
    public async Task<CliResult> RunCliAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, output, error, builder =>
        {
            foreach (var (key, value) in AllSettings())
            {
                builder.Configuration[key] = value;
            }
        });
        return new CliResult(exit, output.ToString(), error.ToString());
    }

    /// <summary>Executes SQL directly against the database, behind the platform's back (tampering tests).</summary>
    public async Task<int> ExecuteSqlAsync(string sql)
    {
        await using DbConnection connection = Provider == TestProvider.Postgres
            ? new NpgsqlConnection(ConnectionString)
            : new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>Registers the demo coalition's members (PUBLIC), so users can belong to them.</summary>
    private Task SeedMembersAsync() => AsSystemAsync(async sp =>
    {
        var db = sp.GetRequiredService<EntenteDbContext>();
        var time = sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        foreach (var spec in DemoRegistry.Members)
        {
            var member = Member.Register(spec.Code, spec.Name, spec.Kind, null, Label.Public, time).Value!;
            member.RecordStatus(spec.Status, spec.From, null, new DateOnly(2025, 3, 2), DateOnly.FromDateTime(time), time);
            db.Members.Add(member);
        }

        await db.SaveChangesAsync();
    });
}

public class SqliteApp : EntenteApp
{
    public override TestProvider Provider => TestProvider.Sqlite;
}

public class PostgresApp : EntenteApp
{
    public override TestProvider Provider => TestProvider.Postgres;
}

/// <summary>A user created for a test; the password and authenticator key exist only here.</summary>
public sealed record TestUser(Guid Id, string UserName, string Password, string? AuthenticatorKey, string? Member, int Clearance, IReadOnlyList<string> Roles)
{
    /// <summary>The current TOTP code of the user's authenticator.</summary>
    public string CurrentCode() => new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(AuthenticatorKey
        ?? throw new InvalidOperationException("The user has no authenticator."))).ComputeTotp(DateTime.UtcNow);
}

public sealed record CliResult(int ExitCode, string Output, string Error);
