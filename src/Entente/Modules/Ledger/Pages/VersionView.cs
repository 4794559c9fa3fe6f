using System.Text.Json;
using Entente.Infrastructure.Text;
using Entente.Modules.Ledger.Domain;
using Entente.Modules.Registry.Contracts;

namespace Entente.Modules.Ledger.Pages;

/// <summary>A stored version of a pledge (its JSON snapshot) as lines a reader can compare: field name, value.</summary>
public static class VersionView
{
    public static IReadOnlyList<(string Name, string Value)> Lines(string snapshot, PolicySnapshot policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        using var document = JsonDocument.Parse(snapshot);
        var root = document.RootElement;
        var lines = new List<(string, string)>();
        var currency = Str(root, "currency") ?? "EUR";

        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                lines.Add((name, value));
            }
        }

        Add("Measure", Str(root, "measure"));
        Add("Kind", Enum<MeasureKind>(root, "kind") is { } kind ? LedgerFormat.Display(kind) : null);
        Add("Announced on", Str(root, "announcedOn"));
        Add("Type", Enum<AidType>(root, "type") is { } type ? AidTypes.Display(type) : null);
        Add("Item", Str(root, "item"));
        Add("Quantity", Long(root, "quantity") is { } q ? LedgerFormat.Quantity(q) : null);
        Add("Reported value", LedgerFormat.Money(Long(root, "amount"), currency));
        Add("Valuation", Enum<ValuationBasis>(root, "valuation") is { } basis ? AidTypes.Display(basis) : null);
        Add("In euros", Long(root, "valueEur") is { } eur ? LedgerFormat.Eur(eur) + (Str(root, "rateDate") is { } rd ? $" (ECB rate of {rd})" : "") : null);
        Add("Channel", Enum<FundingChannel>(root, "channel") is { } channel ? AidTypes.Display(channel) : null);
        Add("Status", Enum<PledgeStatus>(root, "status") is { } status ? AidTypes.Display(status) : null);
        Add("Committed", Long(root, "committedAmount") is > 0 and var c ? LedgerFormat.Money(c, currency) : null);
        Add("Allocated", Long(root, "allocatedAmount") is > 0 and var a ? LedgerFormat.Money(a, currency) : null);
        Add("Delivered", Long(root, "deliveredAmount") is > 0 and var d ? LedgerFormat.Money(d, currency) : null);
        Add("Delivered quantity", Long(root, "deliveredQuantity") is { } dq ? LedgerFormat.Quantity(dq) : null);
        Add("Package", Str(root, "parentId"));
        Add("Explanation", Str(root, "explanation"));
        if (root.TryGetProperty("label", out var label) && label.ValueKind == JsonValueKind.Object)
        {
            var classification = label.TryGetProperty("classification", out var cls) && cls.TryGetInt32(out var rank) ? policy.CodeOf(rank) : "?";
            var rel = label.TryGetProperty("releasableTo", out var r) && r.ValueKind == JsonValueKind.Array && r.GetArrayLength() > 0
                ? " · REL TO " + string.Join(", ", r.EnumerateArray().Select(e => e.GetString()))
                : "";
            var tlp = Str(label, "tlp") is { } t ? " · TLP:" + t.ToUpperInvariant() : "";
            Add("Label", classification + rel + tlp);
        }

        if (root.TryGetProperty("sources", out var sources) && sources.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var s in sources.EnumerateArray())
            {
                i++;
                Add($"Source {i}", string.Join(", ", new[] { Str(s, "publisher"), Str(s, "publishedOn"), Str(s, "url") }.Where(x => !string.IsNullOrEmpty(x))));
            }
        }

        if (root.TryGetProperty("transitions", out var steps) && steps.ValueKind == JsonValueKind.Array)
        {
            Add("Steps", steps.GetArrayLength().ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return lines;
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static long? Long(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : null;

    private static T? Enum<T>(JsonElement e, string name)
        where T : struct, System.Enum =>
        EnumText.TryParse<T>(Str(e, name), out var value) ? value : null;
}
