using Entente.Modules.Registry.Contracts;
using Entente.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Entente.Tests.Registry;

/// <summary>A host that reloads the policy every second, as every instance of a cluster does every thirty.</summary>
public sealed class FastPolicyRefreshApp : SqliteApp
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        [SecurityPolicyRefresher.IntervalSetting] = "00:00:01",
    };
}

public sealed class PolicyRefreshTests(FastPolicyRefreshApp app) : IClassFixture<FastPolicyRefreshApp>
{
    [Fact]
    public async Task A_policy_edit_made_by_another_instance_reaches_this_one_without_a_restart()
    {
        var catalog = app.Services.GetRequiredService<ISecurityPolicyCatalog>();
        Assert.Equal("Confidential", catalog.Current.Find(2)!.Name);

        // Another instance renames the classification: this one only sees the database change.
        await app.ExecuteSqlAsync("UPDATE registry_classifications SET name = 'Confidential (renamed elsewhere)' WHERE rank = 2");

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (catalog.Current.Find(2)!.Name != "Confidential (renamed elsewhere)" && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        Assert.Equal("Confidential (renamed elsewhere)", catalog.Current.Find(2)!.Name);
    }
}
