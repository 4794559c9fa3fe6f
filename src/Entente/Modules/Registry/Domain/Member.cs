using System.Text.RegularExpressions;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Infrastructure.Text;

namespace Entente.Modules.Registry.Domain;

/// <summary>
/// A participant in the coalition: a state (ISO 3166-1 alpha-3 code), an organisation (a short code such as
/// NATO or EU) or the Secretariat. Its standing changes over time through <see cref="Statuses"/>, a gapless,
/// non-overlapping sequence of dated periods of which at most the last is open-ended.
/// </summary>
public sealed partial class Member : ILabelled
{
    public const int MaxNameLength = 200;
    public const int MaxNotesLength = 4000;

    private readonly List<MemberStatusPeriod> _statuses = [];

    private Member()
    {
    }

    /// <summary>Upper-case code: alpha-3 for states, 2 to 8 letters or digits for organisations.</summary>
    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    public MemberKind Kind { get; private set; }

    public string? Notes { get; private set; }

    public Label Label { get; private set; } = Label.Public;

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; private set; }

    /// <summary>UTC.</summary>
    public DateTime UpdatedAt { get; private set; }

    /// <summary>
    /// Grows by one with every change to the member or its statuses; the store refuses a save made from an older
    /// version (optimistic concurrency), and clients send the version they read so an edit never overwrites one it
    /// has not seen.
    /// </summary>
    public int Version { get; private set; }

    /// <summary>Ordered by <see cref="MemberStatusPeriod.From"/>; only the last period may be open-ended.</summary>
    public IReadOnlyList<MemberStatusPeriod> Statuses => Ordered();

    /// <summary>
    /// Registers a member. The code is normalised to upper case. A state registered without a name takes its
    /// ISO 3166-1 short name.
    /// </summary>
    public static Result<Member> Register(string code, string? name, MemberKind kind, string? notes, Label label, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(label);
        code = (code ?? "").Trim().ToUpperInvariant();
        var codeError = ValidateCode(code, kind);
        if (codeError is not null)
        {
            return codeError;
        }

        if (string.IsNullOrWhiteSpace(name) && kind == MemberKind.State)
        {
            name = Iso3166.Find(code)?.Name;
        }

        var member = new Member { Code = code, Kind = kind, CreatedAt = now };
        var update = member.Update(name, notes, label, now);
        return update.IsSuccess ? member : update.Error!;
    }

    /// <summary>Replaces the name, notes and label. Text is stored as typed (trimmed); control characters are refused.</summary>
    public Result Update(string? name, string? notes, Label label, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(label);
        name = (name ?? "").Trim();
        if (name.Length is 0 or > MaxNameLength)
        {
            return DomainError.Invalid("name", $"The name must have 1 to {MaxNameLength} characters.");
        }

        if (!PlainText.IsClean(name))
        {
            return DomainError.Invalid("name", "The name cannot contain control characters or line breaks.");
        }

        notes = PlainText.TrimToNull(notes);
        if (notes?.Length > MaxNotesLength)
        {
            return DomainError.Invalid("notes", $"Notes may have at most {MaxNotesLength} characters.");
        }

        if (notes is not null && !PlainText.IsClean(notes, multiline: true))
        {
            return DomainError.Invalid("notes", "Notes cannot contain control characters.");
        }

        Name = name;
        Notes = notes;
        Label = label;
        UpdatedAt = now;
        Version++;
        return Result.Success;
    }

    /// <summary>The status in force on <paramref name="date"/>, or null before the first period (or after a removal).</summary>
    public CoalitionStatus? StatusOn(DateOnly date) => PeriodOn(date)?.Status;

    /// <summary>The period in force on <paramref name="date"/>, or null.</summary>
    public MemberStatusPeriod? PeriodOn(DateOnly date) =>
        Ordered().LastOrDefault(s => s.From <= date && (s.To is null || s.To >= date));

    /// <summary>The latest period, which may start in the future (a planned change), or null.</summary>
    public MemberStatusPeriod? LatestPeriod => Ordered() is { Count: > 0 } list ? list[^1] : null;

    /// <summary>
    /// Starts a new status on <paramref name="from"/>, closing the open period the day before. The new period must
    /// start after the latest one, not before the coalition was founded, and at most a year ahead.
    /// </summary>
    public Result RecordStatus(CoalitionStatus status, DateOnly from, string? note, DateOnly coalitionFounded, DateOnly today, DateTime now)
    {
        if (!Enum.IsDefined(status))
        {
            return DomainError.Invalid("status", "Unknown status.");
        }

        if (from < coalitionFounded)
        {
            return new DomainError("registry.status-before-coalition",
                $"A status cannot start before the coalition was founded on {coalitionFounded:yyyy-MM-dd}.", ErrorKind.Validation, "from");
        }

        if (from > today.AddYears(1))
        {
            return new DomainError("registry.status-too-far-ahead",
                "A status can be planned at most one year ahead.", ErrorKind.Validation, "from");
        }

        note = PlainText.TrimToNull(note);
        if (note?.Length > MemberStatusPeriod.MaxNoteLength)
        {
            return DomainError.Invalid("note", $"A note may have at most {MemberStatusPeriod.MaxNoteLength} characters.");
        }

        if (note is not null && !PlainText.IsClean(note, multiline: true))
        {
            return DomainError.Invalid("note", "A note cannot contain control characters.");
        }

        var latest = LatestPeriod;
        if (latest is not null)
        {
            if (from <= latest.From)
            {
                return new DomainError("registry.status-out-of-order",
                    $"A new status must start after the latest one ({latest.Status.ToDisplay()} from {latest.From:yyyy-MM-dd}).",
                    ErrorKind.RuleViolation, "from");
            }

            if (latest.Status == status && latest.To is null)
            {
                return new DomainError("registry.status-unchanged",
                    $"The member's status is already {status.ToDisplay()}.", ErrorKind.RuleViolation, "status");
            }

            if (latest.To is null || latest.To >= from)
            {
                latest.Close(from.AddDays(-1));
            }
        }
        else if (status == CoalitionStatus.Former)
        {
            return new DomainError("registry.status-former-first",
                "A member cannot start as a former member.", ErrorKind.RuleViolation, "status");
        }

        _statuses.Add(new MemberStatusPeriod(Code, status, from, note, now));
        UpdatedAt = now;
        Version++;
        return Result.Success;
    }

    /// <summary>Withdraws the latest status period (a correction) and reopens the one before it.</summary>
    public Result<MemberStatusPeriod> RemoveLatestStatus(DateTime now)
    {
        Ordered();
        if (_statuses.Count == 0)
        {
            return new DomainError("registry.no-status", "The member has no status to remove.", ErrorKind.RuleViolation);
        }

        var latest = _statuses[^1];
        _statuses.RemoveAt(_statuses.Count - 1);
        if (_statuses.Count > 0)
        {
            _statuses[^1].Reopen();
        }

        UpdatedAt = now;
        Version++;
        return latest;
    }

    /// <summary>
    /// The periods in date order. EF Core fills the backing list in whatever order the database returns rows, so
    /// the order is restored before anything relies on it.
    /// </summary>
    private List<MemberStatusPeriod> Ordered()
    {
        for (var i = 1; i < _statuses.Count; i++)
        {
            if (_statuses[i - 1].From > _statuses[i].From)
            {
                _statuses.Sort((a, b) => a.From.CompareTo(b.From));
                break;
            }
        }

        return _statuses;
    }

    private static DomainError? ValidateCode(string code, MemberKind kind)
    {
        switch (kind)
        {
            case MemberKind.State:
                if (code.Length != 3 || !Iso3166.IsAlpha3(code))
                {
                    return DomainError.Invalid("code", $"'{Truncate(code)}' is not an ISO 3166-1 alpha-3 country code.");
                }

                break;
            case MemberKind.Organisation:
            case MemberKind.Secretariat:
                if (!OrganisationCode().IsMatch(code))
                {
                    return DomainError.Invalid("code", "An organisation code has 2 to 8 letters or digits, starting with a letter.");
                }

                if (code.Length == 3 && Iso3166.IsAlpha3(code))
                {
                    return DomainError.Invalid("code", $"'{code}' is a country code; choose another code for an organisation.");
                }

                break;
            default:
                return DomainError.Invalid("kind", "Unknown member kind.");
        }

        return null;
    }

    private static string Truncate(string s) => s.Length > 16 ? s[..16] + "…" : s;

    [GeneratedRegex("^[A-Z][A-Z0-9]{1,7}$", RegexOptions.CultureInvariant)]
    private static partial Regex OrganisationCode();
}
