using System.Security.Cryptography;
using Entente.Infrastructure.Security;

namespace Entente.Modules.Sharing.Contracts;

/// <summary>Configuration section <c>Entente:Sharing</c>.</summary>
public sealed class SharingOptions
{
    public const string Section = "Entente:Sharing";

    /// <summary>
    /// PEM file with the ECDSA P-256 private key that signs export label sidecars, beside the audit checkpoint key and
    /// separate from it (a partner given the public key learns nothing about the audit key). Relative paths are under
    /// the data directory. Created on first start when missing; every instance must use the same file.
    /// </summary>
    public string LabelSigningKeyPath { get; set; } = "keys/label-signing.pem";
}

/// <summary>
/// Signs label sidecars with the installation's label key (ES256: ECDSA P-256 over SHA-256, the signature as the
/// 64-byte r‖s form of JWS) and checks them against a key, private or public.
/// </summary>
public sealed class LabelSigner : IDisposable
{
    public const string Algorithm = "ES256";

    private readonly ECDsa _key;

    private LabelSigner(ECDsa key)
    {
        _key = key;
        KeyId = EcdsaKeyFile.KeyIdOf(key);
        PublicKeyPem = key.ExportSubjectPublicKeyInfoPem();
    }

    /// <summary>First 16 hex digits of the SHA-256 of the public key (DER SubjectPublicKeyInfo).</summary>
    public string KeyId { get; }

    /// <summary>The public key as a PEM <c>PUBLIC KEY</c> block, for partners who verify without the platform.</summary>
    public string PublicKeyPem { get; }

    public static LabelSigner Load(string path, bool create) => new(EcdsaKeyFile.Load(path, create, "label signing key"));

    /// <summary>A key (private, or a public key to verify only) given as PEM text.</summary>
    public static LabelSigner FromPem(string pem, string source = "PEM text") => new(EcdsaKeyFile.FromPem(pem, "label signing key", source));

    public string Sign(ReadOnlySpan<byte> payload) => Convert.ToBase64String(_key.SignData(payload, HashAlgorithmName.SHA256));

    public bool Verify(ReadOnlySpan<byte> payload, string signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var bytes = new byte[signature.Length];
        return Convert.TryFromBase64String(signature, bytes, out var length)
            && _key.VerifyData(payload, bytes.AsSpan(0, length), HashAlgorithmName.SHA256);
    }

    public void Dispose() => _key.Dispose();
}
