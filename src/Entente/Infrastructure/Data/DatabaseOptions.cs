namespace Entente.Infrastructure.Data;

/// <summary>Configuration section <c>Entente:Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Entente:Database";

    /// <summary><see cref="DatabaseProvider.Sqlite"/> (default, embedded) or <see cref="DatabaseProvider.Postgres"/>.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations when the host starts (default true; production may run <c>entente migrate</c> instead).</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>
    /// SQLite page cache per connection, in MiB (default 64; SQLite's own default is 2). Bulk ingest writes into several
    /// indexes at scattered positions, and with the default cache every such write reads its page back from the file.
    /// </summary>
    public int SqliteCacheMiB { get; set; } = 64;
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
