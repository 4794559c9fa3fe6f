using System.Text.Json;
using Entente.Infrastructure.Labels;
using Entente.Modules.Audit;
using Entente.Modules.Audit.Domain;
using Entente.Modules.Audit.Features;
using Entente.Infrastructure.Data;
using Entente.Modules.Registry.Domain;

namespace Entente.Tests.Audit;

/// <summary>The rules of the audit chain that need no database: entry labels, bounded fields, filters, signatures.</summary>
public sealed class AuditDomainTests
{
    public static TheoryData<string, Label, Label> Relabellings => new()
    {
        { "raised classification", Label.Create(ClassificationLevels.Restricted), Label.Create(ClassificationLevels.Secret) },
        { "narrowed releasability", Label.Create(ClassificationLevels.Confidential), Label.Create(ClassificationLevels.Confidential, ["GBR"]) },
        { "widened releasability", Label.Create(ClassificationLevels.Confidential, ["GBR"], originator: "FRA"), Label.Create(ClassificationLevels.Restricted) },
        { "disjoint releasability", Label.Create(ClassificationLevels.Restricted, ["FRA"]), Label.Create(ClassificationLevels.Restricted, ["POL"]) },
        { "new originator", Label.Create(ClassificationLevels.Restricted, ["FRA"], originator: "GBR"), Label.Create(ClassificationLevels.Restricted, ["FRA"], originator: "POL") },
        { "two sharing groups", Label.Create(ClassificationLevels.Restricted, sharingGroupId: Guid.NewGuid()), Label.Create(ClassificationLevels.Restricted, sharingGroupId: Guid.NewGuid()) },
    };

    private static readonly AccessScope[] Readers =
    [
        AccessScope.ForUser(ClassificationLevels.Secret, "GBR", []),
        AccessScope.ForUser(ClassificationLevels.Secret, "FRA", []),
        AccessScope.ForUser(ClassificationLevels.Secret, "POL", []),
        AccessScope.ForUser(ClassificationLevels.Restricted, "GBR", []),
        AccessScope.ForUser(ClassificationLevels.Secret, null, []),
    ];

    [Theory]
    [MemberData(nameof(Relabellings))]
    public void The_entry_of_a_relabelling_is_readable_only_by_those_who_may_read_both_labels(string change, Label before, Label after)
    {
        var joined = AuditLabels.Join(before, after);
        Assert.All(Readers, scope => Assert.True(
            !scope.CanRead(joined) || (scope.CanRead(before) && scope.CanRead(after)),
            $"{change}: {scope.Member} at {scope.Clearance} reads the entry but not both labels"));
        Assert.True(joined.Classification >= Math.Max(before.Classification, after.Classification));
    }

    [Fact]
    public void An_unchanged_label_stays_the_label_of_the_entry()
    {
        var label = Label.Create(ClassificationLevels.Confidential, ["FRA", "GBR"], originator: "GBR", tlp: TlpMarking.AmberStrict);
        Assert.Equal(label, AuditLabels.Join(label, label));
    }

    [Fact]
    public void A_relabelling_between_labels_with_a_common_reader_stays_readable_by_that_reader()
    {
        var joined = AuditLabels.Join(Label.Create(ClassificationLevels.Restricted, ["FRA", "GBR"]), Label.Create(ClassificationLevels.Confidential, ["GBR", "POL"]));
        Assert.True(AccessScope.ForUser(ClassificationLevels.Confidential, "GBR", []).CanRead(joined));
        Assert.Equal(TlpMarking.Amber, joined.Tlp);
    }

    [Fact]
    public void Details_too_long_for_their_column_become_a_shorter_summary_that_is_still_JSON()
    {
        var details = JsonSerializer.Serialize(new { notes = new string('é', 30_000) + "\u0001\"" });

        var fitted = AuditJson.Fit(details, AuditEntry.MaxDetailsLength);

        Assert.True(fitted.Length <= AuditEntry.MaxDetailsLength);
        using var parsed = JsonDocument.Parse(fitted);
        Assert.True(parsed.RootElement.GetProperty("truncated").GetBoolean());
        Assert.Equal(details.Length, parsed.RootElement.GetProperty("length").GetInt32());
        Assert.StartsWith(details[..100], parsed.RootElement.GetProperty("head").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Over_long_fields_are_cut_to_their_columns_without_splitting_a_character()
    {
        var entry = AuditEntry.Create(DateTime.UtcNow, null, new string('a', 255) + "😀", null, AuditActions.Update, "registry_members",
            new string('9', 400), null, null, null, Label.Public);

        Assert.Equal(255, entry.ActorName.Length);
        Assert.Equal(AuditEntry.MaxEntityIdLength, entry.EntityId!.Length);
    }

    [Theory]
    [InlineData("2026-01-31", false, "2026-01-31T00:00:00.0000000Z")]
    [InlineData("2026-01-31", true, "2026-02-01T00:00:00.0000000Z")]
    [InlineData("2026-01-31T08:30:00Z", false, "2026-01-31T08:30:00.0000000Z")]
    [InlineData("2026-01-31T10:30:00+02:00", false, "2026-01-31T08:30:00.0000000Z")]
    [InlineData("2026-01-31T08:30:00", false, "2026-01-31T08:30:00.0000000Z")]
    [InlineData("2026-01-31T08:30:00.123456Z", true, "2026-01-31T08:30:00.1234570Z")]
    public void Dates_and_instants_in_filters_are_read_as_UTC_bounds(string text, bool end, string expected)
    {
        Assert.True(AuditEntryFilter.TryParseInstant(text, end, out var value));
        Assert.Equal(DateTimeKind.Utc, value.Kind);
        Assert.Equal(expected, value.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("31/01/2026")]
    [InlineData("1/2/2026")]
    [InlineData("2026-02-30")]
    [InlineData("yesterday")]
    [InlineData("2026-01-31 08:30")]
    public void Text_that_is_not_an_ISO_date_or_instant_is_refused(string text) =>
        Assert.False(AuditEntryFilter.TryParseInstant(text, false, out _));

    [Fact]
    public void A_checkpoint_signed_by_one_key_does_not_verify_with_another()
    {
        using var key = CheckpointSigner.CreateEphemeral();
        using var other = CheckpointSigner.CreateEphemeral();
        var at = new DateTime(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);
        var checkpoint = new AuditCheckpoint { Sequence = 42, Hash = new string('b', 64), CreatedAt = at, KeyId = key.KeyId, Signature = key.Sign(42, new string('b', 64), at) };

        Assert.True(key.Verify(checkpoint));
        Assert.False(other.Verify(checkpoint));
        checkpoint.Sequence = 43;
        Assert.False(key.Verify(checkpoint));
    }

    [Fact]
    public void A_signing_key_file_is_created_private_and_loads_back_as_the_same_key()
    {
        var path = Path.Combine(Path.GetTempPath(), "entente-tests", Guid.NewGuid().ToString("N"), "keys", "audit.pem");
        try
        {
            using var created = CheckpointSigner.Load(path, create: true);
            using var loaded = CheckpointSigner.Load(path, create: false);

            Assert.Equal(created.KeyId, loaded.KeyId);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            }

            Assert.Throws<FileNotFoundException>(() => CheckpointSigner.Load(path + ".missing", create: false));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(Path.GetDirectoryName(path))!, recursive: true);
        }
    }

    [Fact]
    public void A_record_type_without_a_label_must_say_whose_label_its_audit_entries_carry()
    {
        var undeclared = new Microsoft.EntityFrameworkCore.ModelBuilder();
        undeclared.Entity<Member>().HasKey(m => m.Code);
        undeclared.Entity<Member>().Ignore(m => m.Label).Ignore(m => m.Statuses);
        undeclared.Entity<MemberStatusPeriod>().HasKey(p => p.Id);
        undeclared.Entity<MemberStatusPeriod>().HasOne<Member>().WithMany().HasForeignKey(p => p.MemberCode);
        var refused = Assert.Throws<InvalidOperationException>(() => AuditLabelOwners.Validate(undeclared.Model));
        Assert.Contains(nameof(MemberStatusPeriod), refused.Message, StringComparison.Ordinal);

        var declared = new Microsoft.EntityFrameworkCore.ModelBuilder();
        declared.Entity<Member>().HasKey(m => m.Code);
        declared.Entity<Member>().Ignore(m => m.Label).Ignore(m => m.Statuses);
        declared.Entity<MemberStatusPeriod>().HasKey(p => p.Id);
        declared.Entity<MemberStatusPeriod>().HasOne<Member>().WithMany().HasForeignKey(p => p.MemberCode);
        declared.Entity<MemberStatusPeriod>().IsAuditedUnderLabelOf<MemberStatusPeriod, Member>();
        AuditLabelOwners.Validate(declared.Model);
        Assert.Equal(typeof(Member).FullName, AuditLabelOwners.OwnerKey(declared.Model.FindEntityType(typeof(MemberStatusPeriod))!)!.PrincipalEntityType.Name);
    }
}
