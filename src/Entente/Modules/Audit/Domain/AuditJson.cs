using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Entente.Modules.Audit.Domain;

/// <summary>
/// How entry details are written as JSON. Non-ASCII text is kept as is (not <c>\u00E9</c>) so that a search for
/// "délégation" finds it; details are only ever shown HTML-encoded or re-serialised, never embedded raw.
/// </summary>
public static class AuditJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        Converters = { new JsonStringEnumConverter() },
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Details of at most <paramref name="maxLength"/> characters that are still valid JSON: longer text is replaced
    /// by an object with the original length, its SHA-256 and as much of its beginning as fits.
    /// </summary>
    public static string Fit(string details, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(details);
        if (details.Length <= maxLength)
        {
            return details;
        }

        var sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(details)));
        for (var keep = maxLength / 2; ; keep /= 2)
        {
            var fitted = JsonSerializer.Serialize(
                new { truncated = true, length = details.Length, sha256, head = AuditText.Cut(details, keep) }, Options);
            if (fitted.Length <= maxLength)
            {
                return fitted;
            }
        }
    }
}

/// <summary>Text helpers for bounded audit fields.</summary>
public static class AuditText
{
    /// <summary>The first <paramref name="length"/> characters at most, never splitting a surrogate pair.</summary>
    public static string Cut(string text, int length)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= length)
        {
            return text;
        }

        if (length > 0 && char.IsHighSurrogate(text[length - 1]))
        {
            length--;
        }

        return text[..length];
    }

    public static string? CutOrNull(string? text, int length) => text is null ? null : Cut(text, length);
}
