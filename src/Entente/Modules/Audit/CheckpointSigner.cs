using System.Security.Cryptography;
using Entente.Modules.Audit.Domain;

namespace Entente.Modules.Audit;

/// <summary>
/// Signs and checks audit checkpoints with an ECDSA P-256 key kept in a PEM file outside the database.
/// The file is created with owner-only permissions on first use.
/// </summary>
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
    public static CheckpointSigner Load(string path, bool create)
    {
        ArgumentNullException.ThrowIfNull(path);
        var key = ECDsa.Create();
        if (File.Exists(path))
        {
            key.ImportFromPem(File.ReadAllText(path));
            return new CheckpointSigner(key);
        }

        if (!create)
        {
            key.Dispose();
            throw new FileNotFoundException($"The audit signing key '{path}' does not exist.", path);
        }

        key.GenerateKey(ECCurve.NamedCurves.nistP256);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var file = new FileStream(path, options))
        using (var writer = new StreamWriter(file))
        {
            writer.Write(key.ExportPkcs8PrivateKeyPem());
        }

        return new CheckpointSigner(key);
    }

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
}
