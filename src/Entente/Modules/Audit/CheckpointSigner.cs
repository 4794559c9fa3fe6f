using System.Security.Cryptography;
using Entente.Modules.Audit.Domain;

namespace Entente.Modules.Audit;

/// <summary>
/// Signs and checks audit checkpoints with an ECDSA P-256 key kept in a PEM file outside the database.
/// The file is created with owner-only permissions on first use.
/// </summary>
/// <remarks>
/// There is one key per installation: a checkpoint signed by another key does not verify. Replacing the key
/// therefore makes the existing checkpoints unverifiable; keep the file (and a copy offline) for the life of the chain.
/// </remarks>
public sealed class CheckpointSigner : IDisposable
{
    private readonly ECDsa _key;

    private CheckpointSigner(ECDsa key)
    {
        _key = key;
        KeyId = Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];
    }

    /// <summary>First 16 hex digits of the SHA-256 of the public key.</summary>
    public string KeyId { get; }

    /// <summary>Loads the key at <paramref name="path"/>, creating it when <paramref name="create"/> and it is missing.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist and <paramref name="create"/> is false.</exception>
    /// <exception cref="CryptographicException">The file does not hold an ECDSA P-256 private key.</exception>
    public static CheckpointSigner Load(string path, bool create)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            if (!create)
            {
                throw new FileNotFoundException($"The audit signing key '{path}' does not exist.", path);
            }

            TryCreate(path);
        }

        return FromPem(File.ReadAllText(path), path);
    }

    /// <summary>A signer for a key given as PEM text (tests, or a key held in a secret store).</summary>
    public static CheckpointSigner FromPem(string pem, string source = "PEM text")
    {
        ArgumentNullException.ThrowIfNull(pem);
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            if (key.KeySize != 256 || key.ExportParameters(false).Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
            {
                throw new CryptographicException($"The audit signing key in {source} is not an ECDSA P-256 key.");
            }

            return new CheckpointSigner(key);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>A new random key, for tests and for <c>entente audit</c> tooling; never written anywhere.</summary>
    public static CheckpointSigner CreateEphemeral() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    public string Sign(long sequence, string hash, DateTime createdAt) =>
        Convert.ToBase64String(_key.SignData(AuditHash.CheckpointPayload(sequence, hash, createdAt), HashAlgorithmName.SHA256));

    public bool Verify(AuditCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        byte[] signature;
        try
        {
            signature = Convert.FromBase64String(checkpoint.Signature);
        }
        catch (FormatException)
        {
            return false;
        }

        return _key.VerifyData(AuditHash.CheckpointPayload(checkpoint.Sequence, checkpoint.Hash, checkpoint.CreatedAt), signature, HashAlgorithmName.SHA256);
    }

    public void Dispose() => _key.Dispose();

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
