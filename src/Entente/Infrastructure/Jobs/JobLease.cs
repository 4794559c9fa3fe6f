namespace Entente.Infrastructure.Jobs;

/// <summary>
/// A time-bound lease on a named background job, so that with several instances on one database each job runs
/// on one instance at a time. A lease is taken with a single conditional UPDATE, which both providers execute
/// atomically.
/// </summary>
public sealed class JobLease
{
    public string Name { get; set; } = "";

    /// <summary>Instance that holds the lease (machine name and process id).</summary>
    public string Holder { get; set; } = "";

    /// <summary>UTC; after this instant any instance may take the lease.</summary>
    public DateTime LeasedUntil { get; set; }
}

/// <summary>A platform-wide setting kept in the database, such as when the demo data was seeded.</summary>
public sealed class PlatformSetting
{
    public string Key { get; set; } = "";

    public string Value { get; set; } = "";

    /// <summary>UTC.</summary>
    public DateTime UpdatedAt { get; set; }
}
