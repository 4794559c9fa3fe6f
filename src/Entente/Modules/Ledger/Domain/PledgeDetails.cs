using Entente.Infrastructure.Problems;
using Entente.Infrastructure.Text;

namespace Entente.Modules.Ledger.Domain;

/// <summary>
/// What a donor announced: everything about a pledge that an edit may change. Checked by <see cref="Validate"/>
/// before it reaches a <see cref="Pledge"/>.
/// </summary>
public sealed record PledgeDetails
{
    public const int MaxMeasureLength = 300;
    public const int MaxItemLength = 200;
    public const int MaxExplanationLength = 4000;
    public const long MaxQuantity = 100_000_000_000;

    /// <summary>The most a single pledge may be worth: two trillion euros, above any measure ever announced.</summary>
    public const long MaxValueEurCents = 2_000_000_000_000_00;

    public MeasureKind Kind { get; init; } = MeasureKind.Aid;

    public DateOnly AnnouncedOn { get; init; }

    /// <summary>The measure as the donor named it ("Air defence missiles for Ukraine").</summary>
    public string Measure { get; init; } = "";

    public AidType Type { get; init; }

    public string? Item { get; init; }

    public long? Quantity { get; init; }

    /// <summary>Reported value in minor units of <see cref="Currency"/>; null when <see cref="Valuation"/> is undisclosed.</summary>
    public long? Amount { get; init; }

    public string Currency { get; init; } = "EUR";

    public ValuationBasis Valuation { get; init; }

    public FundingChannel Channel { get; init; }

    public string? Explanation { get; init; }

    /// <summary>Checks the fields that need no stored state; trims text.</summary>
    public Result<PledgeDetails> Validate(DateOnly coalitionFounded, DateOnly today)
    {
        if (!Enum.IsDefined(Kind))
        {
            return DomainError.Invalid("kind", "Unknown kind of measure: use aid or defenceIndustrial.");
        }

        if (!Enum.IsDefined(Type))
        {
            return DomainError.Invalid("type", "Unknown type of aid.");
        }

        if (!Enum.IsDefined(Valuation))
        {
            return DomainError.Invalid("valuation", "Unknown valuation basis: use donorStated, estimatedFromUnitPrice or undisclosed.");
        }

        if (!Enum.IsDefined(Channel))
        {
            return DomainError.Invalid("channel", "Unknown funding channel.");
        }

        var dateError = PledgeRules.CheckDate("announcedOn", AnnouncedOn, coalitionFounded, today);
        if (dateError is not null)
        {
            return dateError;
        }

        var measure = PlainText.Check("measure", Measure, MaxMeasureLength, required: true);
        if (!measure.IsSuccess)
        {
            return measure.Error!;
        }

        var item = PlainText.Check("item", Item, MaxItemLength);
        if (!item.IsSuccess)
        {
            return item.Error!;
        }

        var explanation = PlainText.Check("explanation", Explanation, MaxExplanationLength, multiline: true);
        if (!explanation.IsSuccess)
        {
            return explanation.Error!;
        }

        if (Quantity is { } quantity && (quantity <= 0 || quantity > MaxQuantity))
        {
            return DomainError.Invalid("quantity", $"A quantity must be a whole number from 1 to {MaxQuantity:N0}.");
        }

        var currency = (Currency ?? "").Trim().ToUpperInvariant();
        if (!Iso4217.IsKnown(currency))
        {
            return new DomainError("ledger.currency-unknown",
                $"'{PlainText.Shorten(Currency, 16)}' is not an ISO 4217 currency code (for example EUR, GBP, USD).", ErrorKind.Validation, "currency");
        }

        if (Valuation == ValuationBasis.Undisclosed)
        {
            if (Amount is not null)
            {
                return DomainError.Invalid("amount", "An undisclosed value has no amount: leave the amount empty, or choose another valuation basis.");
            }
        }
        else if (Amount is not { } amount)
        {
            return DomainError.Invalid("amount", "Give the reported value, or mark the valuation as undisclosed.");
        }
        else if (amount <= 0)
        {
            return DomainError.Invalid("amount", "The reported value must be greater than zero.");
        }

        return this with { Measure = measure.Value!, Item = item.Value, Explanation = explanation.Value, Currency = currency };
    }
}

/// <summary>Rules shared by the pledge and its transitions.</summary>
public static class PledgeRules
{
    /// <summary>A date of the ledger must fall between the coalition's founding and today.</summary>
    public static DomainError? CheckDate(string field, DateOnly date, DateOnly coalitionFounded, DateOnly today)
    {
        if (date < coalitionFounded)
        {
            return new DomainError("ledger.date-before-coalition",
                $"The date {date:yyyy-MM-dd} is before the coalition was founded on {coalitionFounded:yyyy-MM-dd}.", ErrorKind.Validation, field);
        }

        if (date > today)
        {
            return new DomainError("ledger.date-in-future",
                $"The date {date:yyyy-MM-dd} is in the future: the ledger records what has happened.", ErrorKind.Validation, field);
        }

        return null;
    }

    public static DomainError ImplausibleValue(string field) => new("ledger.value-implausible",
        $"The value is implausibly large: a single entry may be worth at most €{PledgeDetails.MaxValueEurCents / 100:N0}. Check the amount and its unit (amounts are in minor units: cents, pence).",
        ErrorKind.Validation, field);
}
