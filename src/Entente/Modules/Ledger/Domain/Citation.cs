using Entente.Infrastructure.Problems;
using Entente.Infrastructure.Text;

namespace Entente.Modules.Ledger.Domain;

/// <summary>
/// Where a figure comes from: a publisher and a date at least, a web address and a short quote where there is one.
/// Addresses must be absolute http or https URLs, so a stored link can never run script when followed.
/// </summary>
public sealed record Citation
{
    public const int MaxUrlLength = 2000;
    public const int MaxPublisherLength = 200;
    public const int MaxQuoteLength = 2000;

    public string? Url { get; init; }

    public string Publisher { get; init; } = "";

    public DateOnly PublishedOn { get; init; }

    public string? Quote { get; init; }

    /// <summary>Checks and normalises a citation; <paramref name="field"/> prefixes the names of fields in errors.</summary>
    public static Result<Citation> Create(string? url, string? publisher, DateOnly? publishedOn, string? quote, DateOnly today, string field = "source")
    {
        var checkedPublisher = PlainText.Check($"{field}.publisher", publisher, MaxPublisherLength, required: true);
        if (!checkedPublisher.IsSuccess)
        {
            return checkedPublisher.Error!;
        }

        var checkedQuote = PlainText.Check($"{field}.quote", quote, MaxQuoteLength, multiline: true);
        if (!checkedQuote.IsSuccess)
        {
            return checkedQuote.Error!;
        }

        if (publishedOn is not { } date)
        {
            return DomainError.Invalid($"{field}.publishedOn", "Give the date the source was published.");
        }

        if (date > today)
        {
            return DomainError.Invalid($"{field}.publishedOn", "A source cannot be published in the future.");
        }

        string? normalisedUrl = null;
        if (!string.IsNullOrWhiteSpace(url))
        {
            var trimmed = url.Trim();
            if (trimmed.Length > MaxUrlLength
                || !Uri.TryCreate(trimmed, UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
                || !PlainText.IsClean(trimmed))
            {
                return DomainError.Invalid($"{field}.url", $"The source address must be an http or https address of at most {MaxUrlLength} characters.");
            }

            normalisedUrl = uri.AbsoluteUri;
        }

        return new Citation { Url = normalisedUrl, Publisher = checkedPublisher.Value!, PublishedOn = date, Quote = checkedQuote.Value };
    }
}
