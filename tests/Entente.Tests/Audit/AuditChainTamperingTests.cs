using Entente.Modules.Audit;
using Entente.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Entente.Tests.Audit;

/// <summary>
/// Whoever can write the database behind the platform's back cannot change, remove or cut short the audit chain
/// without <c>entente audit verify</c> naming where. Each test tampers with raw SQL and puts the chain back afterwards.
/// </summary>
public abstract class AuditChainTamperingTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : EntenteApp
{
    [Fact]
    public async Task An_untouched_chain_verifies_with_its_signed_checkpoints()
    {
        await using var snapshot = await ChainSnapshot.TakeAsync(app);
        var signed = await app.CheckpointAsync();
        Assert.NotNull(signed.Written);

        var result = await app.VerifyAsync();
        Assert.True(result.IsValid, result.Problem);
        Assert.Equal(await app.HeadAsync(), result.EntriesChecked);
        Assert.True(result.CheckpointsVerified >= 1);
        Assert.True(result.SignaturesChecked);

        var cli = await app.RunCliAsync("audit", "verify");
        Assert.True(cli.ExitCode == 0, cli.Output + cli.Error);
        Assert.StartsWith("OK:", cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changing_the_details_of_an_entry_is_reported_at_exactly_that_entry()
    {
        await using var snapshot = await ChainSnapshot.TakeAsync(app);
        await app.CheckpointAsync();
        var target = await app.HeadAsync() / 2;

        await app.ExecuteSqlAsync($"UPDATE audit_entries SET details = '{{\"set\":{{\"name\":\"Someone else\"}}}}' WHERE sequence = {target}");

        var result = await app.VerifyAsync();
        Assert.False(result.IsValid);
        Assert.Equal(target, result.FirstBadSequence);
        Assert.Contains("altered", result.Problem, StringComparison.Ordinal);
        Assert.Equal(target - 1, result.EntriesChecked);

        var cli = await app.RunCliAsync("audit", "verify");
        Assert.True(cli.ExitCode == 2, cli.Output + cli.Error);
        Assert.Contains($"FAILED at entry {target}:", cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changing_who_acted_is_reported_at_exactly_that_entry()
    {
        await using var snapshot = await ChainSnapshot.TakeAsync(app);
        const long target = 3;

        await app.ExecuteSqlAsync($"UPDATE audit_entries SET actor_name = 'nobody-in-particular' WHERE sequence = {target}");

        var result = await app.VerifyAsync();
        Assert.False(result.IsValid);
        Assert.Equal(target, result.FirstBadSequence);

        var cli = await app.RunCliAsync("audit", "verify");
        Assert.True(cli.ExitCode == 2, cli.Output + cli.Error);
        Assert.Contains($"FAILED at entry {target}:", cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replacing_the_hash_an_entry_records_is_reported_at_that_entry()
    {
        await using var snapshot = await ChainSnapshot.TakeAsync(app);
        const long target = 5;

        await app.ExecuteSqlAsync($"UPDATE audit_entries SET hash = '{new string('a', 64)}' WHERE sequence = {target}");

        var result = await app.VerifyAsync();
        Assert.False(result.IsValid);
        Assert.Equal(target, result.FirstBadSequence);
    }

    [Fact]
    public async Task Deleting_an_entry_in_the_middle_is_reported_as_that_entry_missing()
    {
        await using var snapshot = await ChainSnapshot.TakeAsync(app);
        var target = await app.HeadAsync() / 2;

        await app.ExecuteSqlAsync($"DELETE FROM audit_entries WHERE sequence = {target}");

        var result = await app.VerifyAsync();
        Assert.False(result.IsValid);
        Assert.Equal(target, result.FirstBadSequence);
        Assert.Contains($"entry {target} is missing", result.Problem, StringComparison.Ordinal);

        var cli = await app.RunCliAsync("audit", "verify");
        Assert.True(cli.ExitCode == 2, cli.Output + cli.Error);
        Assert.Contains($"FAILED at entry {target}: entry {target} is missing", cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_the_end_of_the_chain_after_a_signed_checkpoint_is_detected()
    {
        await using var snapshot = await ChainSnapshot.TakeAsync(app);
        var signed = (await app.CheckpointAsync()).Written!;
        var firstDeleted = signed.Sequence - 2;

        await app.ExecuteSqlAsync($"DELETE FROM audit_entries WHERE sequence >= {firstDeleted}");

        var result = await app.VerifyAsync();
        Assert.False(result.IsValid);
        Assert.Equal(firstDeleted, result.FirstBadSequence);
        Assert.Contains($"a checkpoint was signed for entry {signed.Sequence}", result.Problem, StringComparison.Ordinal);
        var cli = await app.RunCliAsync("audit", "verify");
        Assert.True(cli.ExitCode == 2, cli.Output + cli.Error);
    }

    [Fact]
    public async Task Deleting_the_end_of_the_chain_with_its_checkpoints_is_detected_by_the_copy_kept_outside_the_database()
    {
        await using var snapshot = await ChainSnapshot.TakeAsync(app);
        var signed = (await app.CheckpointAsync()).Written!;

        await app.ExecuteSqlAsync($"DELETE FROM audit_entries WHERE sequence >= {signed.Sequence - 1}");
        await app.ExecuteSqlAsync("DELETE FROM audit_checkpoints");

        var result = await app.VerifyAsync();
        Assert.False(result.IsValid);
        Assert.Equal(signed.Sequence - 1, result.FirstBadSequence);
        var cli = await app.RunCliAsync("audit", "verify");
        Assert.True(cli.ExitCode == 2, cli.Output + cli.Error);
    }

    [Fact]
    public async Task Removing_only_the_latest_checkpoint_is_detected_by_the_copy_kept_outside_the_database()
    {
        await using var snapshot = await ChainSnapshot.TakeAsync(app);
        var signed = (await app.CheckpointAsync()).Written!;

        await app.ExecuteSqlAsync($"DELETE FROM audit_checkpoints WHERE sequence = {signed.Sequence}");

        var result = await app.VerifyAsync();
        Assert.False(result.IsValid);
        Assert.Equal(signed.Sequence, result.FirstBadSequence);
        Assert.Contains("removed from the database", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_damaged_copy_of_the_last_checkpoint_is_reported_rather_than_ignored()
    {
        await using var snapshot = await ChainSnapshot.TakeAsync(app);
        await app.CheckpointAsync();
        var copy = app.Services.GetRequiredService<CheckpointWitness>().Path;
        await File.WriteAllTextAsync(copy, "{ \"sequence\": ", TestContext.Current.CancellationToken);

        var result = await app.VerifyAsync();
        Assert.False(result.IsValid);
        Assert.Null(result.FirstBadSequence);
        Assert.Contains("unreadable", result.Problem, StringComparison.Ordinal);

        var cli = await app.RunCliAsync("audit", "verify");
        Assert.True(cli.ExitCode == 2, cli.Output + cli.Error);
        Assert.StartsWith("FAILED: the copy of the last checkpoint", cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_checkpoint_checked_with_a_different_key_is_reported()
    {
        await using var snapshot = await ChainSnapshot.TakeAsync(app);
        var signed = (await app.CheckpointAsync()).Written!;
        using var otherKey = CheckpointSigner.CreateEphemeral();

        var result = await app.VerifyAsync(otherKey);
        Assert.False(result.IsValid);
        Assert.Equal(signed.Sequence, result.FirstBadSequence);
        Assert.Contains("valid signature", result.Problem, StringComparison.Ordinal);

        var keyFile = Path.Combine(app.DataDirectory, $"other-{Guid.NewGuid():N}.pem");
        CheckpointSigner.Load(keyFile, create: true).Dispose();
        var cli = await app.RunCliAsync("audit", "verify", "--key", keyFile);
        Assert.True(cli.ExitCode == 2, cli.Output + cli.Error);
        Assert.Contains($"FAILED at entry {signed.Sequence}:", cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forged_checkpoint_signature_is_reported()
    {
        await using var snapshot = await ChainSnapshot.TakeAsync(app);
        var signed = (await app.CheckpointAsync()).Written!;
        var forged = Convert.ToBase64String(new byte[64]);

        await app.ExecuteSqlAsync($"UPDATE audit_checkpoints SET signature = '{forged}' WHERE sequence = {signed.Sequence}");

        var result = await app.VerifyAsync();
        Assert.False(result.IsValid);
        Assert.Equal(signed.Sequence, result.FirstBadSequence);
    }

    [Fact]
    public async Task The_checkpoint_writer_refuses_to_sign_over_entries_changed_since_the_last_checkpoint()
    {
        await using var snapshot = await ChainSnapshot.TakeAsync(app);
        var first = (await app.CheckpointAsync()).Written!;
        await app.RunCliAsync("audit", "verify"); // appends an entry after the checkpoint
        var tampered = first.Sequence + 1;
        await app.ExecuteSqlAsync($"UPDATE audit_entries SET origin = '198.51.100.9' WHERE sequence = {tampered}");

        var outcome = await app.CheckpointAsync();
        Assert.Null(outcome.Written);
        Assert.False(outcome.Verification.IsValid);
        Assert.Equal(tampered, outcome.Verification.FirstBadSequence);

        var cli = await app.RunCliAsync("audit", "checkpoint");
        Assert.True(cli.ExitCode == 2, cli.Output + cli.Error);
        Assert.Contains("NOT SIGNED", cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_file_named_on_the_command_line_that_does_not_exist_is_an_error_not_a_pass()
    {
        var cli = await app.RunCliAsync("audit", "verify", "--key", Path.Combine(app.DataDirectory, "missing.pem"));
        Assert.True(cli.ExitCode == 1, cli.Output + cli.Error);
        Assert.Contains("not found", cli.Error, StringComparison.Ordinal);
    }
}

public sealed class AuditChainTamperingTestsOnSqlite(SqliteApp app) : AuditChainTamperingTests<SqliteApp>(app);

public sealed class AuditChainTamperingTestsOnPostgres(PostgresApp app) : AuditChainTamperingTests<PostgresApp>(app);
