using System.ComponentModel.DataAnnotations;
using Entente.Modules.Ledger.Domain;
using Entente.Modules.Ledger.Features;

namespace Entente.Modules.Ledger.Pages;

/// <summary>A citation as the ledger's forms post it; property names match the API's so that errors find their field.</summary>
public sealed class SourceFormModel
{
    [StringLength(Citation.MaxUrlLength)]
    public string? Url { get; set; }

    [StringLength(Citation.MaxPublisherLength)]
    public string? Publisher { get; set; }

    public DateOnly? PublishedOn { get; set; }

    [StringLength(Citation.MaxQuoteLength)]
    public string? Quote { get; set; }

    /// <summary>True when nothing was typed: the slot is left out.</summary>
    public bool IsEmpty => string.IsNullOrWhiteSpace(Url) && string.IsNullOrWhiteSpace(Publisher) && PublishedOn is null && string.IsNullOrWhiteSpace(Quote);

    public CitationInput ToInput() => new() { Url = Url, Publisher = Publisher, PublishedOn = PublishedOn, Quote = Quote };

    public static SourceFormModel From(CitationView c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new SourceFormModel { Url = c.Url, Publisher = c.Publisher, PublishedOn = c.PublishedOn, Quote = c.Quote };
    }
}
