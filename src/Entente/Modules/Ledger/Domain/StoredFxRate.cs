namespace Entente.Modules.Ledger.Domain;

/// <summary>
/// An ECB reference rate loaded with <c>entente fx load</c>, newer than the file shipped with the product. Every
/// instance merges these into its <see cref="Contracts.FxRateTable"/>.
/// </summary>
public sealed class StoredFxRate
{
    private StoredFxRate()
    {
    }

    public StoredFxRate(DateOnly date, string currency, decimal unitsPerEur)
    {
        Date = date;
        Currency = currency;
        UnitsPerEur = unitsPerEur;
    }

    public DateOnly Date { get; private set; }

    public string Currency { get; private set; } = "";

    public decimal UnitsPerEur { get; private set; }
}
