namespace Entente.Infrastructure.Labels;

/// <summary>
/// FIRST Traffic Light Protocol 2.0 marking: how far information may travel once it leaves the platform.
/// Ordered from least to most restrictive.
/// </summary>
public enum TlpMarking
{
    Clear = 0,
    Green = 1,
    Amber = 2,
    AmberStrict = 3,
    Red = 4,
}

public static class TlpMarkings
{
    /// <summary>The marking as TLP 2.0 writes it, for example <c>TLP:AMBER+STRICT</c>.</summary>
    public static string ToDisplay(this TlpMarking tlp) => tlp switch
    {
        TlpMarking.Clear => "TLP:CLEAR",
        TlpMarking.Green => "TLP:GREEN",
        TlpMarking.Amber => "TLP:AMBER",
        TlpMarking.AmberStrict => "TLP:AMBER+STRICT",
        TlpMarking.Red => "TLP:RED",
    };

    /// <summary>Reads <c>CLEAR</c>, <c>TLP:CLEAR</c>, <c>amber+strict</c> and the enum names; case-insensitive.</summary>
    public static bool TryParse(string? text, out TlpMarking tlp)
    {
        var t = (text ?? "").Trim().ToUpperInvariant();
        if (t.StartsWith("TLP:", StringComparison.Ordinal))
        {
            t = t[4..];
        }

        switch (t)
        {
            case "CLEAR" or "WHITE": tlp = TlpMarking.Clear; return true;
            case "GREEN": tlp = TlpMarking.Green; return true;
            case "AMBER": tlp = TlpMarking.Amber; return true;
            case "AMBER+STRICT" or "AMBERSTRICT" or "AMBER_STRICT": tlp = TlpMarking.AmberStrict; return true;
            case "RED": tlp = TlpMarking.Red; return true;
            default: tlp = TlpMarking.Clear; return false;
        }
    }
}
