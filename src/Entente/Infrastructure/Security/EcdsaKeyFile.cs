using System.Security.Cryptography;

namespace Entente.Infrastructure.Security;

/// <summary>
/// An ECDSA P-256 private key kept in a PEM file outside the database, created with owner-only permissions on first
/// use. The audit checkpoint key and the export label key are two such files.
/// </summary>
public static class EcdsaKeyFile
{
    /// <summary>Loads the key at <paramref name="path"/>, creating it when <paramref name="create"/> and it is missing.</summary>
    /// <param name="path">The PEM file.</param>
    /// <param name="create">Create a new key when the file does not exist.</param>
    /// <param name="purpose">What the key signs, for error messages ("audit signing key").</param>
    /// <exception cref="FileNotFoundException">The file does not exist and <paramref name="create"/> is false.</exception>
    /// <exception cref="CryptographicException">The file does not hold an ECDSA P-256 key.</exception>
    public static ECDsa Load(string path, bool create, string purpose)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            if (!create)
            {
                throw new FileNotFoundException($"The {purpose} '{path}' does not exist.", path);
            }

            TryCreate(path);
        }

        return FromPem(File.ReadAllText(path), purpose, path);
    }

    /// <summary>A P-256 key (private, or public only) from PEM text.</summary>
    /// <exception cref="CryptographicException">The text does not hold an ECDSA P-256 key.</exception>
    public static ECDsa FromPem(string pem, string purpose, string source = "PEM text")
    {
        ArgumentNullException.ThrowIfNull(pem);
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            if (key.KeySize != 256 || key.ExportParameters(false).Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
            {
                throw new CryptographicException($"The {purpose} in {source} is not an ECDSA P-256 key.");
            }

            return key;
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>First 16 hex digits of the SHA-256 of the DER SubjectPublicKeyInfo: names a key without revealing it.</summary>
    public static string KeyIdOf(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];
    }

    /// <summary>
    /// Writes a new key to a private temporary file and moves it into place without overwriting, so that a crash
    /// never leaves half a key behind and two instances starting together end up with the same key.
    /// </summary>
    private static void TryCreate(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
            using (var file = new FileStream(temporary, options))
            using (var writer = new StreamWriter(file))
            {
                writer.Write(key.ExportPkcs8PrivateKeyPem());
                writer.Flush();
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created the key first: use that one.
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
