using System.Security.Cryptography;
using Entente.Infrastructure.Security;
using Entente.Modules.Audit.Domain;

namespace Entente.Modules.Audit;

/// <summary>
/// Signs and checks audit checkpoints with an ECDSA P-256 key kept in a PEM file outside the database.
/// The file is created with owner-only permissions on first use (<see cref="EcdsaKeyFile"/>).
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
        KeyId = EcdsaKeyFile.KeyIdOf(key);
    }

    /// <summary>First 16 hex digits of the SHA-256 of the public key.</summary>
    public string KeyId { get; }

    /// <summary>Loads the key at <paramref name="path"/>, creating it when <paramref name="create"/> and it is missing.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist and <paramref name="create"/> is false.</exception>
    /// <exception cref="CryptographicException">The file does not hold an ECDSA P-256 private key.</exception>
    public static CheckpointSigner Load(string path, bool create) => new(EcdsaKeyFile.Load(path, create, "audit signing key"));

    /// <summary>A signer for a key given as PEM text (tests, or a key held in a secret store).</summary>
    public static CheckpointSigner FromPem(string pem, string source = "PEM text") =>
        new(EcdsaKeyFile.FromPem(pem, "audit signing key", source));

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
}
