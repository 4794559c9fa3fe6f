using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Entente.Infrastructure.Data;

/// <summary>Recognises the provider errors that use cases answer with a named domain error rather than a 500.</summary>
public static class DbErrors
{
    /// <summary>A unique index or primary key refused the row (SQLite constraint error, PostgreSQL 23505).</summary>
    public static bool IsUniqueViolation(DbUpdateException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.InnerException switch
        {
            PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,
            // SQLITE_CONSTRAINT_PRIMARYKEY (1555) and SQLITE_CONSTRAINT_UNIQUE (2067).
            SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 1555 or 2067,
            _ => false,
        };
    }
}
