using Entente.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Entente.Tests.Reliability;

/// <summary>
/// Which database errors the API answers as "unavailable, retry" (503) rather than as a conflict or a server error:
/// the errors PostgreSQL sends while it stops or restarts must count, a constraint violation must not.
/// </summary>
public sealed class DatabaseFailureClassificationTests
{
    [Theory]
    [InlineData(PostgresErrorCodes.AdminShutdown)]
    [InlineData(PostgresErrorCodes.CrashShutdown)]
    [InlineData(PostgresErrorCodes.CannotConnectNow)]
    [InlineData(PostgresErrorCodes.ConnectionFailure)]
    public void A_server_that_is_stopping_or_starting_makes_a_failed_save_unavailable(string sqlState)
    {
        var fatal = new PostgresException("terminating connection", "FATAL", "FATAL", sqlState);

        Assert.True(DatabaseFailures.IsUnavailable(new DbUpdateException("An error occurred while saving the entity changes.", fatal)));
        Assert.False(DatabaseFailures.IsStorageFull(fatal));
    }

    [Fact]
    public void A_connection_lost_mid_read_is_unavailable()
    {
        var lost = new NpgsqlException("Exception while reading from stream", new EndOfStreamException());

        Assert.True(DatabaseFailures.IsUnavailable(new InvalidOperationException("query failed", lost)));
    }

    [Fact]
    public void A_constraint_violation_is_not_unavailable_and_a_full_disk_is_storage_full()
    {
        Assert.False(DatabaseFailures.IsUnavailable(new DbUpdateException("save", new PostgresException("duplicate key", "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation))));
        Assert.True(DatabaseFailures.IsStorageFull(new DbUpdateException("save", new PostgresException("could not extend file", "ERROR", "ERROR", PostgresErrorCodes.DiskFull))));
    }
}
