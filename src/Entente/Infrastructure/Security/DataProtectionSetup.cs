using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace Entente.Infrastructure.Security;

/// <summary>Configuration section <c>Entente:DataProtection</c>: where the key ring that protects cookies and antiforgery tokens lives.</summary>
public sealed class DataProtectionOptions
{
    public const string Section = "Entente:DataProtection";

    /// <summary>
    /// Directory of the key ring. Several instances behind one load balancer must share it (a mounted volume),
    /// or a cookie issued by one is refused by the others. Relative paths are under the data directory.
    /// </summary>
    public string KeysDirectory { get; set; } = "keys/data-protection";

    /// <summary>Optional PKCS#12 certificate that encrypts the keys at rest.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }
}

public static class DataProtectionSetup
{
    public static IServiceCollection AddEntenteDataProtection(this IServiceCollection services, IConfiguration configuration, PlatformOptions platform)
    {
        ArgumentNullException.ThrowIfNull(platform);
        var options = configuration.GetSection(DataProtectionOptions.Section).Get<DataProtectionOptions>() ?? new DataProtectionOptions();
        var directory = Path.IsPathRooted(options.KeysDirectory)
            ? options.KeysDirectory
            : Path.Combine(platform.DataDirectory, options.KeysDirectory);
        var builder = services.AddDataProtection()
            .SetApplicationName("Entente")
            .PersistKeysToFileSystem(new DirectoryInfo(directory));
        if (!string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            builder.ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath, options.CertificatePassword));
        }

        return services;
    }
}
