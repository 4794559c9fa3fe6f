using System.Text.Json;
using Entente.Modules.Audit.Domain;

namespace Entente.Modules.Audit.Pages;

/// <summary>How the audit page shows an entry's details: a one-line summary and the JSON pretty-printed.</summary>
public static class AuditDetails
{
    private const int SummaryLength = 90;

    private static readonly JsonSerializerOptions Indented = new(AuditJson.Options) { WriteIndented = true };

    /// <summary>The details indented for reading; text that is not JSON as it is.</summary>
    public static string Pretty(string? details)
    {
        if (string.IsNullOrEmpty(details))
        {
            return "";
        }

        try
        {
            using var document = JsonDocument.Parse(details);
            return JsonSerializer.Serialize(document.RootElement, Indented);
        }
        catch (JsonException)
        {
            return details;
        }
    }

    /// <summary>
    /// A line that says what the entry is about without opening it: the fields an update changed, how many
    /// records a read named, or the first few values of an event.
    /// </summary>
    public static string Summarise(string action, string? details)
    {
        if (string.IsNullOrEmpty(details))
        {
            return "No details";
        }

        try
        {
            using var document = JsonDocument.Parse(details);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Cut(root.ToString());
            }

            if (root.TryGetProperty("truncated", out var truncated) && truncated.ValueKind == JsonValueKind.True)
            {
                return "Details too long to keep in full (shortened)";
            }

            switch (action)
            {
                case AuditActions.Create when root.TryGetProperty("set", out var set) && set.ValueKind == JsonValueKind.Object:
                    return Cut("Set " + Names(set));
                case AuditActions.Update when root.TryGetProperty("changed", out var changed) && changed.ValueKind == JsonValueKind.Object:
                    return Cut("Changed " + Names(changed));
                case AuditActions.Delete when root.TryGetProperty("removed", out var removed) && removed.ValueKind == JsonValueKind.Object:
                    return Cut("Removed " + Names(removed));
                case AuditActions.Read when root.TryGetProperty("records", out var records) && records.ValueKind == JsonValueKind.Array:
                    var count = records.GetArrayLength() + (root.TryGetProperty("unnamed", out var unnamed) && unnamed.TryGetInt32(out var n) ? n : 0);
                    return count == 1 ? "1 record" : $"{count} records";
                default:
                    return Cut(string.Join(" · ", root.EnumerateObject()
                        .Where(p => p.Value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Object or JsonValueKind.Array))
                        .Take(3)
                        .Select(p => $"{p.Name}: {(p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText())}")));
            }
        }
        catch (JsonException)
        {
            return Cut(details);
        }
    }

    private static string Names(JsonElement obj)
    {
        var names = obj.EnumerateObject().Select(p => p.Name).ToList();
        return names.Count switch
        {
            0 => "nothing",
            <= 4 => string.Join(", ", names),
            _ => string.Join(", ", names.Take(4)) + $" and {names.Count - 4} more",
        };
    }

    private static string Cut(string text) => text.Length <= SummaryLength ? text : AuditText.Cut(text, SummaryLength) + "…";
}
