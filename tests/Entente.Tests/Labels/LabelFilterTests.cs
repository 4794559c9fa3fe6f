using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Security;
using Entente.Modules.Registry.Domain;
using Entente.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Entente.Tests.Labels;

/// <summary>
/// The label query filter is the single place where need-to-know is enforced. These tests store records under
/// every combination of classification, releasability, originator and sharing group, then read them back as
/// every kind of caller, and check the database returns exactly what the in-memory rule allows — for lists,
/// counts and single-record look-ups alike.
/// </summary>
public abstract class LabelFilterTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    private static readonly Guid GroupA = Guid.Parse("0194f0a0-0000-7000-8000-00000000000a");

    public static TheoryData<string, int, string?, Guid[]> Callers => new()
    {
        { "anonymous", -1, null, [] },
        { "delegate GBR, RESTRICTED", ClassificationLevels.Restricted, "GBR", [] },
        { "delegate GBR, CONFIDENTIAL", ClassificationLevels.Confidential, "GBR", [] },
        { "delegate GBR, CONFIDENTIAL, in group A", ClassificationLevels.Confidential, "GBR", [GroupA] },
        { "delegate POL, SECRET", ClassificationLevels.Secret, "POL", [] },
        { "secretariat CSEC, SECRET", ClassificationLevels.Secret, "CSEC", [] },
        { "user without a member, SECRET", ClassificationLevels.Secret, null, [] },
        { "delegate EU, SECRET", ClassificationLevels.Secret, "EU", [] },
    };

    private static IEnumerable<Label> AllLabels()
    {
        string[][] releasability = [[], ["GBR"], ["FRA", "GBR"], ["CSEC", "FRA"], ["EUR"]];
        string?[] originators = [null, "GBR", "POL"];
        Guid?[] groups = [null, GroupA];
        for (var classification = ClassificationLevels.Public; classification <= ClassificationLevels.Secret; classification++)
        {
            foreach (var rel in releasability)
            {
                foreach (var originator in originators)
                {
                    foreach (var group in groups)
                    {
                        yield return Label.Create(classification, rel, originator, group);
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task The_database_returns_exactly_the_records_the_label_rule_allows(string caller, int clearance, string? member, Guid[] groups)
    {
        var prefix = await SeedAsync();
        var scope = clearance < 0 ? AccessScope.Anonymous : AccessScope.ForUser(clearance, member, groups);
        var labels = await ReadAsAsync(scope, db => db.Delegates.Where(d => d.FullName.StartsWith(prefix)).ToListAsync());
        var expected = AllLabels().Where(scope.CanRead).Count();

        Assert.Equal(expected, labels.Count);
        Assert.All(labels, d => Assert.True(scope.CanRead(d.Label), $"{caller} read {d.FullName} under {d.Label}"));

        var counted = await ReadAsAsync(scope, db => db.Delegates.CountAsync(d => d.FullName.StartsWith(prefix)));
        Assert.Equal(expected, counted);
    }

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task A_record_the_caller_may_not_read_cannot_be_found_by_its_id(string caller, int clearance, string? member, Guid[] groups)
    {
        var prefix = await SeedAsync();
        var scope = clearance < 0 ? AccessScope.Anonymous : AccessScope.ForUser(clearance, member, groups);
        var all = await app.DbAsync(db => db.Delegates.Where(d => d.FullName.StartsWith(prefix)).ToListAsync());
        var hidden = all.First(d => !scope.CanRead(d.Label));
        var visible = all.FirstOrDefault(d => scope.CanRead(d.Label));

        var foundHidden = await ReadAsAsync(scope, db => db.Delegates.FirstOrDefaultAsync(d => d.Id == hidden.Id));
        Assert.True(foundHidden is null, $"{caller} found a record under {hidden.Label}");
        if (visible is not null)
        {
            Assert.NotNull(await ReadAsAsync(scope, db => db.Delegates.FirstOrDefaultAsync(d => d.Id == visible.Id)));
        }
    }

    /// <summary>Stores one delegate per label combination under a fresh name prefix and returns the prefix.</summary>
    private async Task<string> SeedAsync()
    {
        var prefix = $"lf-{Guid.NewGuid():N}"[..12];
        await app.DbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var i = 0;
            foreach (var label in AllLabels())
            {
                db.Delegates.Add(Representative.Appoint("UKR", $"{prefix}-{i++}", null, null, null, false, null, label, now).Value!);
            }

            return await db.SaveChangesAsync();
        });
        return prefix;
    }

    private async Task<T> ReadAsAsync<T>(AccessScope scope, Func<EntenteDbContext, Task<T>> read)
    {
        await using var serviceScope = app.Services.CreateAsyncScope();
        var caller = serviceScope.ServiceProvider.GetRequiredService<Caller>();
        if (scope.IsAuthenticated)
        {
            caller.SetUser(Guid.NewGuid(), "label-test", scope, "tests", null, "tests");
        }
        else
        {
            caller.SetAnonymous("tests", null);
        }

        return await read(serviceScope.ServiceProvider.GetRequiredService<EntenteDbContext>());
    }
}

public sealed class LabelFilterTestsOnSqlite(SqliteApp app) : LabelFilterTests<SqliteApp>(app);

public sealed class LabelFilterTestsOnPostgres(PostgresApp app) : LabelFilterTests<PostgresApp>(app);
