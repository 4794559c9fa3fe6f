using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Entente.Infrastructure.Labels;
using Entente.Modules.Audit.Domain;
using Entente.Modules.Registry.Contracts;

namespace Entente.Modules.Sharing.Contracts;

/// <summary>What a sidecar binds its label to: the exported file's name, type, size and SHA-256.</summary>
public sealed record DataReference(string FileName, string ContentType, long Size, string Sha256);

/// <summary>
/// The label sidecar of an export (ADR 0018): confidentiality information in the structure of STANAG 4774 (policy
/// identifier, classification, categories each with a tag name, a type — PERMISSIVE, RESTRICTIVE or INFORMATIVE — and
/// values; creation date-time; originator), bound in the manner of STANAG 4778 to the file by its size and SHA-256 and
/// signed by the platform (ES256 over <see cref="CanonicalJson"/> of the document without <c>signature.value</c>).
/// </summary>
public static class LabelSidecar
{
    public const string Profile = "entente-label-sidecar/1";
    public const string RelTo = "REL TO";
    public const string SharingGroup = "SHARING GROUP";
    public const string PolicyCategory = "POLICY CATEGORY";

    // Indented for people; markings keep their middle dots rather than \u escapes (the signature does not depend on it).
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The banner text of a label; a join whose rows share no member says so rather than name one.</summary>
    public static string Marking(Label label, PolicySnapshot policy)
    {
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(policy);
        return label.ReleasableToCodes is [AuditLabels.Nobody]
            ? $"{policy.CodeOf(label.Classification)} · REL TO no member common to every part: see each part's marking · {label.Tlp.ToDisplay()}"
            : policy.Describe(label);
    }

    /// <summary>Builds and signs the sidecar; returns the document (indented JSON) and its signature.</summary>
    public static (string Document, string Signature) Create(
        Guid exportId, DataReference data, Label label, PolicySnapshot policy, DateTime createdAt, string exportedBy, string? member,
        string route, LabelSigner signer)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(signer);
        var categories = new JsonArray();
        if (label.ReleasableToCodes.Count > 0)
        {
            categories.Add(Category(RelTo, "PERMISSIVE", label.ReleasableToCodes));
        }

        if (label.SharingGroupId is { } group)
        {
            categories.Add(Category(SharingGroup, "RESTRICTIVE", [group.ToString("D")]));
        }

        if (label.CategoryCodes.Count > 0)
        {
            categories.Add(Category(PolicyCategory, "INFORMATIVE", label.CategoryCodes));
        }

        var confidentiality = new JsonObject
        {
            ["policyIdentifier"] = label.Policy,
            ["classification"] = policy.CodeOf(label.Classification),
            ["classificationRank"] = label.Classification,
            ["categories"] = categories,
        };
        var document = new JsonObject
        {
            ["profile"] = Profile,
            ["exportId"] = exportId.ToString("D"),
            ["confidentialityInformation"] = confidentiality,
            ["creationDateTime"] = createdAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["marking"] = Marking(label, policy),
            ["tlp"] = label.Tlp.ToDisplay(),
            ["dataReference"] = new JsonObject
            {
                ["fileName"] = data.FileName,
                ["contentType"] = data.ContentType,
                ["size"] = data.Size,
                ["sha256"] = data.Sha256,
            },
            ["export"] = new JsonObject
            {
                ["route"] = route,
                ["exportedBy"] = exportedBy,
                ["member"] = member ?? "",
            },
            ["signature"] = new JsonObject
            {
                ["algorithm"] = LabelSigner.Algorithm,
                ["keyId"] = signer.KeyId,
            },
        };
        if (label.Originator is { } originator)
        {
            document["originator"] = originator;
        }

        var signature = signer.Sign(CanonicalJson.Serialise(document));
        document["signature"]!["value"] = signature;
        return (document.ToJsonString(Indented), signature);
    }

    private static JsonObject Category(string tag, string type, IEnumerable<string> values) => new()
    {
        ["tagName"] = tag,
        ["type"] = type,
        ["values"] = new JsonArray([.. values.Select(v => (JsonNode)JsonValue.Create(v))]),
    };

    /// <summary>
    /// Checks a file against its sidecar: the size, the SHA-256, the key id and the signature. Returns the mismatches,
    /// each named (empty when everything holds) and the sidecar's marking.
    /// </summary>
    public static async Task<SidecarCheck> VerifyAsync(Stream file, string sidecar, LabelSigner key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(sidecar);
        ArgumentNullException.ThrowIfNull(key);
        JsonObject document;
        try
        {
            // A field named twice would make the nodes throw when read; refuse it here as malformed instead.
            document = JsonNode.Parse(sidecar, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false }) as JsonObject
                ?? throw new FormatException("The sidecar is not a JSON object.");
        }
        catch (JsonException ex)
        {
            throw new FormatException($"The sidecar is not valid JSON: {ex.Message}", ex);
        }

        var problems = new List<string>();
        var data = document["dataReference"] as JsonObject;
        long? expectedSize = data?["size"] is JsonValue sizeValue && sizeValue.TryGetValue<long>(out var n) ? n : null;
        var expectedHash = Read<string>(data, "sha256");
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long size = 0;
        int read;
        while ((read = await file.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            size += read;
        }

        var actualHash = Convert.ToHexStringLower(hash.GetHashAndReset());
        if (expectedSize != size)
        {
            problems.Add($"size: the file has {size} bytes, the sidecar says {expectedSize?.ToString(CultureInfo.InvariantCulture) ?? "nothing"}");
        }

        if (!string.Equals(expectedHash, actualHash, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"hash: the file's SHA-256 is {actualHash}, the sidecar says {expectedHash ?? "nothing"}");
        }

        var signatureBlock = document["signature"] as JsonObject;
        var keyId = Read<string>(signatureBlock, "keyId");
        var algorithm = Read<string>(signatureBlock, "algorithm");
        var value = Read<string>(signatureBlock, "value");
        if (!string.Equals(keyId, key.KeyId, StringComparison.Ordinal))
        {
            problems.Add($"key id: the sidecar was signed with key {keyId ?? "(none)"}, the key given is {key.KeyId}");
        }
        else if (algorithm != LabelSigner.Algorithm || value is null)
        {
            problems.Add($"signature: the sidecar carries no {LabelSigner.Algorithm} signature");
        }
        else
        {
            signatureBlock!.Remove("value");
            if (!key.Verify(CanonicalJson.Serialise(document), value))
            {
                problems.Add("signature: the label, the data reference or another field of the sidecar is not what was signed");
            }
        }

        return new SidecarCheck(Read<string>(document, "marking"), problems);
    }

    private static T? Read<T>(JsonObject? obj, string name) =>
        obj?[name] is JsonValue v && v.TryGetValue<T>(out var value) ? value : default;
}

/// <summary>The outcome of checking a file against its sidecar.</summary>
public sealed record SidecarCheck(string? Marking, IReadOnlyList<string> Problems)
{
    public bool IsValid => Problems.Count == 0;
}
