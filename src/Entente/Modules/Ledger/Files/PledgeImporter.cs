using System.Security.Claims;
using Entente.Infrastructure;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Modules.Ledger.Contracts;
using Entente.Modules.Ledger.Domain;
using Entente.Modules.Ledger.Features;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Registry.Features;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Ledger.Files;

/// <summary>Why a row would be refused: the column at fault as the file names it (empty for the row as a whole).</summary>
public sealed record ImportRowError(string Column, string Code, string Message);

/// <summary>A pledge a row creates (or would create), as a reader checks it. Money in minor units; EUR in cents.</summary>
public sealed record ImportedPledge(
    Guid? Id, string Donor, DateOnly AnnouncedOn, string Measure, AidType Type, long? Amount, string Currency, long? ValueEurCents,
    DateOnly? RateDate, string Marking);

/// <summary>The outcome of one row: accepted with the pledge it makes, or rejected with every reason found.</summary>
public sealed record ImportRowResult(int Row, bool Accepted, IReadOnlyList<ImportRowError> Errors, IReadOnlyList<string> Warnings, ImportedPledge? Pledge);

/// <summary>
/// What an import did or would do. <c>stored</c> is true only when every row was accepted and all were stored, in one
/// transaction; otherwise nothing was stored.
/// </summary>
public sealed record ImportReport(
    bool DryRun,
    bool Stored,
    string Format,
    int HeaderRow,
    int Rows,
    int Accepted,
    int Rejected,
    IReadOnlyList<string> IgnoredColumns,
    IReadOnlyList<ImportRowResult> Results);

/// <summary>How far an import has got: rows checked, then rows stored.</summary>
public readonly record struct ImportProgress(ImportPhase Phase, int Done, int Total);

public enum ImportPhase
{
    Reading,
    Checking,
    Storing,
    Finished,
}

/// <summary>
/// Checks every row of a <see cref="PledgeSheet"/> with the rules the API applies (<see cref="LedgerAccess.ResolveAsync"/>
/// and <see cref="Pledge.Announce"/>), reports each row's errors, and — unless it is a dry run — stores the pledges of
/// a file whose every row passed, all in one transaction with their audit entries, or none.
/// </summary>
public static class PledgeImporter
{
    /// <summary>Rows stored per save within the one transaction, so the change tracker stays small on large files.</summary>
    private const int StoreBatch = 250;

    private const int ProgressEvery = 50;

    public static async Task<Result<ImportReport>> RunAsync(
        PledgeSheet sheet, bool dryRun, ClaimsPrincipal user, EntenteDbContext db, ISecurityPolicyCatalog catalog, IFxRates rates,
        PlatformOptions platform, TimeProvider time, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(rates);
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(time);
        var today = time.Today();
        var now = time.UtcNow();
        var actor = LedgerAccess.ActorOf(db.Caller);
        var total = sheet.Rows.Count;
        var results = new ImportRowResult[total];
        var pledges = new Pledge?[total];
        progress?.Report(new ImportProgress(ImportPhase.Checking, 0, total));

        for (var i = 0; i < total; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var row = sheet.Rows[i];
            var (input, errors) = PledgeRowParser.Parse(row, sheet, catalog.Current);
            if (input is not null)
            {
                var resolved = await LedgerAccess.ResolveAsync(input, user, db, catalog, platform, today, null, cancellationToken);
                var announced = resolved.IsSuccess
                    ? Pledge.Announce(resolved.Value!.Donor, resolved.Value.Details, resolved.Value.Sources, resolved.Value.Label, null, rates, actor, now)
                    : resolved.Error!;
                if (announced.IsSuccess)
                {
                    pledges[i] = announced.Value!;
                }
                else
                {
                    errors.Add(PledgeRowParser.FromDomain(announced.Error!, sheet));
                }
            }

            results[i] = new ImportRowResult(row.Number, errors.Count == 0, errors, [],
                pledges[i] is { } p ? Preview(p, catalog.Current, null) : null);
            if ((i + 1) % ProgressEvery == 0)
            {
                progress?.Report(new ImportProgress(ImportPhase.Checking, i + 1, total));
            }
        }

        await AddDuplicateWarningsAsync(db, results, pledges, cancellationToken);
        var rejected = results.Count(r => !r.Accepted);
        progress?.Report(new ImportProgress(ImportPhase.Checking, total, total));
        var report = new ImportReport(dryRun, false, sheet.Format, sheet.HeaderRow, total, total - rejected, rejected, sheet.IgnoredHeaders, results);
        if (dryRun || rejected > 0)
        {
            return report;
        }

        var stored = await StoreAsync(db, pledges.Select(p => p!).ToList(), progress, cancellationToken);
        if (!stored.IsSuccess)
        {
            return stored.Error!;
        }

        var withIds = results.Select((r, i) => r with { Pledge = Preview(pledges[i]!, catalog.Current, pledges[i]!.Id) }).ToList();
        progress?.Report(new ImportProgress(ImportPhase.Finished, total, total));
        return report with { Stored = true, Results = withIds };
    }

    /// <summary>Stores every pledge, or none: one transaction, saved in batches, each save sealing its audit entries.</summary>
    private static async Task<Result> StoreAsync(EntenteDbContext db, List<Pledge> pledges, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            for (var start = 0; start < pledges.Count; start += StoreBatch)
            {
                var batch = pledges.Skip(start).Take(StoreBatch).ToList();
                foreach (var pledge in batch)
                {
                    db.Pledges.Add(pledge);
                    db.PledgeVersions.AddRange(pledge.TakeNewVersions());
                }

                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
                progress?.Report(new ImportProgress(ImportPhase.Storing, start + batch.Count, pledges.Count));
            }

            await transaction.CommitAsync(cancellationToken);
            return Result.Success;
        }
        catch (DbUpdateException)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return new DomainError("ledger.import-conflict",
                "The ledger changed while the file was being stored (a donor or a label it names changed), so nothing was stored. Check the file again and import it.",
                ErrorKind.Conflict);
        }
    }

    /// <summary>
    /// Warns of rows that repeat another row, or a pledge the caller can already see: same donor, date, measure and
    /// value. A warning, not an error: two such pledges can be genuine, but an import run twice is more likely.
    /// </summary>
    private static async Task AddDuplicateWarningsAsync(EntenteDbContext db, ImportRowResult[] results, Pledge?[] pledges, CancellationToken cancellationToken)
    {
        var candidates = pledges.Where(p => p is not null).Select(p => p!).ToList();
        if (candidates.Count == 0)
        {
            return;
        }

        var donors = candidates.Select(p => p.DonorCode).Distinct(StringComparer.Ordinal).ToList();
        var from = candidates.Min(p => p.AnnouncedOn);
        var to = candidates.Max(p => p.AnnouncedOn);

        // A projection, so looking for duplicates reads no pledge content (and records no read of one).
        var stored = await db.Pledges.AsNoTracking()
            .Where(p => donors.Contains(p.DonorCode) && p.AnnouncedOn >= from && p.AnnouncedOn <= to)
            .Select(p => new { p.Id, p.DonorCode, p.AnnouncedOn, p.Measure, p.Amount, p.Currency })
            .ToListAsync(cancellationToken);
        var existing = stored.GroupBy(p => Key(p.DonorCode, p.AnnouncedOn, p.Measure, p.Amount, p.Currency), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Id, StringComparer.Ordinal);
        var firstRow = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < pledges.Length; i++)
        {
            if (pledges[i] is not { } p)
            {
                continue;
            }

            var key = Key(p.DonorCode, p.AnnouncedOn, p.Measure, p.Amount, p.Currency);
            var warnings = new List<string>();
            if (existing.TryGetValue(key, out var id))
            {
                warnings.Add($"The ledger already holds a pledge with the same donor, date, measure and value ({id}). Importing the row records it again.");
            }

            if (firstRow.TryGetValue(key, out var earlier))
            {
                warnings.Add($"Same donor, date, measure and value as row {earlier}.");
            }
            else
            {
                firstRow[key] = results[i].Row;
            }

            if (warnings.Count > 0)
            {
                results[i] = results[i] with { Warnings = warnings };
            }
        }
    }

    private static string Key(string donor, DateOnly on, string measure, long? amount, string currency) =>
        FormattableString.Invariant($"{donor}|{on:yyyy-MM-dd}|{measure.Trim().ToUpperInvariant()}|{amount}|{currency}");

    private static ImportedPledge Preview(Pledge p, PolicySnapshot policy, Guid? id) =>
        new(id, p.DonorCode, p.AnnouncedOn, p.Measure, p.Type, p.Amount, p.Currency, p.ValueEur, p.RateDate, policy.Describe(p.Label));
}

/// <summary>Turns a row's cells into the API's <see cref="PledgeInput"/>, listing every cell it cannot read.</summary>
public static class PledgeRowParser
{
    public static (PledgeInput? Input, List<ImportRowError> Errors) Parse(SheetRow row, PledgeSheet sheet, PolicySnapshot policy)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(sheet);
        var errors = new List<ImportRowError>();
        void Fail(PledgeColumn column, string message) => errors.Add(new ImportRowError(sheet.HeaderOf(column), "validation", message));
        string Text(PledgeColumn column) => Unescape(row[column].Text.Trim());

        var donor = Text(PledgeColumn.Donor);
        if (donor.Length == 0)
        {
            Fail(PledgeColumn.Donor, "Give the donor's member code, for example GBR.");
        }

        DateOnly? announcedOn = ReadDate(row[PledgeColumn.AnnouncedOn], required: true, PledgeColumn.AnnouncedOn, Fail);

        var measure = Text(PledgeColumn.Measure);
        if (measure.Length == 0)
        {
            Fail(PledgeColumn.Measure, "Name the measure, for example \"Air defence missiles\".");
        }

        MeasureKind? kind = null;
        var kindText = Text(PledgeColumn.Kind);
        if (kindText.Length > 0)
        {
            if (PledgeValues.TryKind(kindText, out var k))
            {
                kind = k;
            }
            else
            {
                Fail(PledgeColumn.Kind, $"'{PledgeValues.Shorten(kindText)}' is not a kind of measure: write aid or defence-industrial.");
            }
        }

        AidType? type = null;
        var typeText = Text(PledgeColumn.Type);
        if (typeText.Length == 0)
        {
            Fail(PledgeColumn.Type, "Give the specific type of aid, for example air defence, drones or loan.");
        }
        else if (PledgeValues.TryType(typeText, out var t))
        {
            type = t;
        }
        else
        {
            Fail(PledgeColumn.Type, $"'{PledgeValues.Shorten(typeText)}' is not a type of aid. Use one of: {string.Join(", ", Enum.GetValues<AidType>().Select(AidTypes.Display))}.");
        }

        var categoryText = Text(PledgeColumn.Category);
        if (categoryText.Length > 0)
        {
            if (!PledgeValues.TryCategory(categoryText, out var category))
            {
                Fail(PledgeColumn.Category, $"'{PledgeValues.Shorten(categoryText)}' is not a general type of aid: write military, financial or humanitarian.");
            }
            else if (type is { } specific && AidTypes.CategoryOf(specific) != category)
            {
                Fail(PledgeColumn.Category,
                    $"{AidTypes.Display(specific)} is {AidTypes.CategoryOf(specific).ToString().ToLowerInvariant()} aid, not {category.ToString().ToLowerInvariant()}: correct one of the two types.");
            }
        }

        long? quantity = null;
        var quantityCell = row[PledgeColumn.Quantity];
        if (!quantityCell.IsBlank)
        {
            if (quantityCell.Number is { } n && n == decimal.Truncate(n) && n is >= long.MinValue and <= long.MaxValue)
            {
                quantity = (long)n;
            }
            else if (quantityCell.Number is null && PledgeValues.TryQuantity(quantityCell.Text, out var q))
            {
                quantity = q;
            }
            else
            {
                Fail(PledgeColumn.Quantity, $"'{PledgeValues.Shorten(quantityCell.Text)}' is not a whole number of items.");
            }
        }

        var currency = Text(PledgeColumn.Currency).ToUpperInvariant();
        if (currency.Length == 0)
        {
            Fail(PledgeColumn.Currency, "Give the ISO 4217 code of the currency the value is reported in, for example EUR or GBP.");
        }

        long? amount = null;
        var valueCell = row[PledgeColumn.ReportedValue];
        if (!valueCell.IsBlank)
        {
            decimal major = 0;
            var readable = true;
            if (valueCell.Number is { } number)
            {
                major = number;
            }
            else if (!PledgeValues.TryMajorAmount(valueCell.Text, out major, out var problem))
            {
                readable = false;
                Fail(PledgeColumn.ReportedValue, problem);
            }

            if (readable)
            {
                if (!Iso4217.IsKnown(currency))
                {
                    // The currency's own error is the one to report; any amount lets the domain reach it.
                    amount = (long)Math.Clamp(decimal.Truncate(major), long.MinValue, long.MaxValue);
                }
                else if (Math.Abs(major) > long.MaxValue / Iso4217.MinorPerMajor(currency))
                {
                    var implausible = PledgeRules.ImplausibleValue("amount");
                    errors.Add(new ImportRowError(sheet.HeaderOf(PledgeColumn.ReportedValue), implausible.Code, implausible.Detail));
                }
                else if (Iso4217.ToMinor(major, currency) is { } minor)
                {
                    amount = minor;
                }
                else
                {
                    var digits = Iso4217.MinorDigits(currency);
                    Fail(PledgeColumn.ReportedValue, digits == 0
                        ? $"{currency} has no minor unit: write the value without decimals."
                        : $"{currency} has {digits} decimal places: the value has more.");
                }
            }
        }

        ValuationBasis valuation = amount is null && valueCell.IsBlank ? ValuationBasis.Undisclosed : ValuationBasis.DonorStated;
        var valuationText = Text(PledgeColumn.Valuation);
        if (valuationText.Length > 0)
        {
            if (PledgeValues.TryValuation(valuationText, out var v))
            {
                valuation = v;
            }
            else
            {
                Fail(PledgeColumn.Valuation, $"'{PledgeValues.Shorten(valuationText)}' is not a valuation basis: write stated by the donor, estimated from unit price or undisclosed.");
            }
        }

        var channel = FundingChannel.Bilateral;
        var channelText = Text(PledgeColumn.Channel);
        if (channelText.Length > 0)
        {
            if (PledgeValues.TryChannel(channelText, out var c))
            {
                channel = c;
            }
            else
            {
                Fail(PledgeColumn.Channel, $"'{PledgeValues.Shorten(channelText)}' is not a funding channel. Use one of: {string.Join(", ", Enum.GetValues<FundingChannel>().Select(AidTypes.Display))}.");
            }
        }

        var url = Text(PledgeColumn.Source);
        var publisher = Text(PledgeColumn.SourcePublisher);
        if (url.Length == 0 && publisher.Length == 0)
        {
            Fail(PledgeColumn.Source, "Cite a source: its web address, or at least its publisher in the source publisher column.");
        }

        if (publisher.Length == 0 && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Host.Length > 0)
        {
            // Trackers often give the link only; the site that published it is the publisher.
            publisher = uri.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? uri.Host[4..] : uri.Host;
        }

        var sourceDate = ReadDate(row[PledgeColumn.SourceDate], required: false, PledgeColumn.SourceDate, Fail) ?? announcedOn;

        var classification = Text(PledgeColumn.Classification);
        if (classification.Length == 0)
        {
            Fail(PledgeColumn.Classification, $"Give the classification: one of {string.Join(", ", policy.Classifications.Select(x => x.Code))}.");
        }

        TlpMarking? tlp = null;
        var tlpText = Text(PledgeColumn.Tlp);
        if (tlpText.Length > 0)
        {
            if (TlpMarkings.TryParse(tlpText, out var marking))
            {
                tlp = marking;
            }
            else
            {
                Fail(PledgeColumn.Tlp, $"'{PledgeValues.Shorten(tlpText)}' is not a TLP 2.0 marking: write CLEAR, GREEN, AMBER, AMBER+STRICT or RED.");
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var originator = Text(PledgeColumn.Originator);
        var input = new PledgeInput
        {
            Donor = donor,
            Kind = kind,
            AnnouncedOn = announcedOn,
            Measure = measure,
            Type = type,
            Item = NullIfEmpty(Text(PledgeColumn.Item)),
            Quantity = quantity,
            Amount = amount,
            Currency = currency,
            Valuation = valuation,
            Channel = channel,
            Explanation = NullIfEmpty(Text(PledgeColumn.Explanation)),
            Sources =
            [
                new CitationInput
                {
                    Url = NullIfEmpty(url),
                    Publisher = publisher,
                    PublishedOn = sourceDate,
                    Quote = NullIfEmpty(Text(PledgeColumn.SourceQuote)),
                },
            ],
            Label = new LabelInput
            {
                Classification = classification,
                ReleasableTo = PledgeValues.MemberCodes(Text(PledgeColumn.ReleasableTo)),
                Tlp = tlp,
                Originator = NullIfEmpty(originator),
            },
        };
        return (input, errors);
    }

    /// <summary>A domain error placed under the column of the field it names.</summary>
    public static ImportRowError FromDomain(DomainError error, PledgeSheet sheet)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(sheet);
        var column = ColumnOf(error.Field);
        return new ImportRowError(column is { } c ? sheet.HeaderOf(c) : "", error.Code, error.Detail);
    }

    /// <summary>The column that carries an API field (<c>amount</c>, <c>sources[0].url</c>, <c>label.classification</c>).</summary>
    public static PledgeColumn? ColumnOf(string? field)
    {
        if (string.IsNullOrEmpty(field))
        {
            return null;
        }

        if (field.StartsWith("sources", StringComparison.Ordinal))
        {
            return field.EndsWith(".publisher", StringComparison.Ordinal) ? PledgeColumn.SourcePublisher
                : field.EndsWith(".publishedOn", StringComparison.Ordinal) ? PledgeColumn.SourceDate
                : field.EndsWith(".quote", StringComparison.Ordinal) ? PledgeColumn.SourceQuote
                : PledgeColumn.Source;
        }

        if (field.StartsWith("label", StringComparison.Ordinal))
        {
            return field switch
            {
                "label.releasableTo" => PledgeColumn.ReleasableTo,
                "label.tlp" => PledgeColumn.Tlp,
                "label.originator" => PledgeColumn.Originator,
                _ => PledgeColumn.Classification,
            };
        }

        return field switch
        {
            "donor" => PledgeColumn.Donor,
            "announcedOn" or "on" => PledgeColumn.AnnouncedOn,
            "measure" => PledgeColumn.Measure,
            "kind" => PledgeColumn.Kind,
            "type" => PledgeColumn.Type,
            "item" => PledgeColumn.Item,
            "quantity" => PledgeColumn.Quantity,
            "amount" => PledgeColumn.ReportedValue,
            "currency" => PledgeColumn.Currency,
            "valuation" => PledgeColumn.Valuation,
            "channel" => PledgeColumn.Channel,
            "explanation" => PledgeColumn.Explanation,
            _ => null,
        };
    }

    /// <summary>
    /// Exports put an apostrophe before text that a spreadsheet would run as a formula (<c>=</c>, <c>+</c>, <c>-</c>,
    /// <c>@</c>); imports take it off again, so a value survives the round trip.
    /// </summary>
    public static string Unescape(string text) =>
        text.Length > 1 && text[0] == '\'' && text[1] is '=' or '+' or '-' or '@' or '\t' or '\r' ? text[1..] : text;

    private static DateOnly? ReadDate(SheetCell cell, bool required, PledgeColumn column, Action<PledgeColumn, string> fail)
    {
        if (cell.IsBlank)
        {
            if (required)
            {
                fail(column, "Give the date, written yyyy-mm-dd (2025-06-23).");
            }

            return null;
        }

        if (cell.Date is { } d)
        {
            if (d.TimeOfDay == TimeSpan.Zero)
            {
                return DateOnly.FromDateTime(d);
            }
        }
        else if (PledgeValues.TryDate(cell.Text, out var date))
        {
            return date;
        }

        fail(column, $"'{PledgeValues.Shorten(cell.Text)}' is not a date written yyyy-mm-dd (2025-06-23); other orders read differently from country to country.");
        return null;
    }

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;
}
