using Entente.Infrastructure;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Security;
using Entente.Modules.Audit;
using Entente.Modules.Sharing.Contracts;
using Microsoft.Extensions.Options;

namespace Entente.Cli.Backups;

/// <summary>
/// Where this installation keeps what a backup holds: its database (provider and connection string) and its key
/// files, resolved from the configuration exactly as the host resolves them.
/// </summary>
public sealed record BackupLocations(
    DatabaseProvider Provider,
    string ConnectionString,
    string AuditSigningKey,
    string CheckpointCopy,
    string LabelSigningKey,
    string DataProtectionKeys)
{
    public static BackupLocations From(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var configuration = services.GetRequiredService<IConfiguration>();
        var platform = services.GetRequiredService<PlatformOptions>();
        var database = services.GetRequiredService<DatabaseOptions>();
        var audit = services.GetRequiredService<IOptions<AuditOptions>>().Value;
        var sharing = services.GetRequiredService<IOptions<SharingOptions>>().Value;
        var protection = configuration.GetSection(DataProtectionOptions.Section).Get<DataProtectionOptions>() ?? new DataProtectionOptions();
        return new BackupLocations(
            database.Provider,
            DataServices.ResolveConnectionString(configuration, database, platform),
            AuditModule.ResolveKeyPath(audit, platform),
            AuditModule.ResolvePath(audit.CheckpointCopyPath, platform),
            AuditModule.ResolvePath(sharing.LabelSigningKeyPath, platform),
            AuditModule.ResolvePath(protection.KeysDirectory, platform));
    }

    /// <summary>
    /// The key files an archive carries, by their name in the archive: the two signing keys, the checkpoint copy
    /// and every file of the data-protection key ring. Only files that exist are listed.
    /// </summary>
    public IReadOnlyList<(string Name, string Path)> ExistingKeyFiles()
    {
        var files = new List<(string, string)>();
        foreach (var (name, path) in new[]
                 {
                     (BackupParts.AuditSigningKey, AuditSigningKey),
                     (BackupParts.CheckpointCopy, CheckpointCopy),
                     (BackupParts.LabelSigningKey, LabelSigningKey),
                 })
        {
            if (File.Exists(path))
            {
                files.Add((name, path));
            }
        }

        if (Directory.Exists(DataProtectionKeys))
        {
            files.AddRange(Directory.GetFiles(DataProtectionKeys)
                .Order(StringComparer.Ordinal)
                .Select(f => (BackupParts.DataProtectionPrefix + Path.GetFileName(f), f)));
        }

        return files;
    }

    /// <summary>Where a key part of an archive goes in this installation, or null for a name that is not a key part.</summary>
    public string? KeyTarget(string partName)
    {
        ArgumentNullException.ThrowIfNull(partName);
        switch (partName)
        {
            case BackupParts.AuditSigningKey:
                return AuditSigningKey;
            case BackupParts.CheckpointCopy:
                return CheckpointCopy;
            case BackupParts.LabelSigningKey:
                return LabelSigningKey;
        }

        if (partName.StartsWith(BackupParts.DataProtectionPrefix, StringComparison.Ordinal))
        {
            var file = partName[BackupParts.DataProtectionPrefix.Length..];
            // A name from the archive never chooses a directory: one plain file name inside the key ring.
            return file.Length > 0 && file == Path.GetFileName(file) && file is not ("." or "..")
                ? Path.Combine(DataProtectionKeys, file)
                : null;
        }

        return null;
    }
}
