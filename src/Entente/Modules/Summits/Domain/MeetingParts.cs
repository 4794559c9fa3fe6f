using Entente.Infrastructure.Labels;

namespace Entente.Modules.Summits.Domain;

/// <summary>
/// What an agenda item decides: a typed reference to a record of another module (kind and id). Kept as a reference,
/// not a foreign key, so the agenda never depends on how proposals, requirements or pledges are stored.
/// </summary>
public sealed record AgendaLink(AgendaLinkKind Kind, string Id);

/// <summary>An agenda item as given; the slot is UTC and must lie within the meeting.</summary>
public sealed record AgendaItemDetails(
    string Title, string? RapporteurMember, string? RapporteurName, DateTime StartsAt, DateTime EndsAt, AgendaLink? Decides);

/// <summary>One item of a meeting's agenda, at a 1-based <see cref="Position"/> unique within the meeting.</summary>
public sealed class AgendaItem
{
    public const int MaxTitleLength = 300;
    public const int MaxRapporteurLength = 200;
    public const int MaxLinkIdLength = 100;

    private AgendaItem()
    {
    }

    internal AgendaItem(Guid meetingId, int position, AgendaItemDetails details)
    {
        Id = Guid.CreateVersion7();
        MeetingId = meetingId;
        Position = position;
        Change(details);
    }

    public Guid Id { get; private set; }

    public Guid MeetingId { get; private set; }

    public int Position { get; private set; }

    public string Title { get; private set; } = "";

    public string? RapporteurMember { get; private set; }

    public string? RapporteurName { get; private set; }

    /// <summary>UTC.</summary>
    public DateTime StartsAt { get; private set; }

    /// <summary>UTC.</summary>
    public DateTime EndsAt { get; private set; }

    public AgendaLinkKind? DecidesKind { get; private set; }

    public string? DecidesId { get; private set; }

    public AgendaLink? Decides => DecidesKind is { } kind && DecidesId is not null ? new AgendaLink(kind, DecidesId) : null;

    internal void Change(AgendaItemDetails details)
    {
        Title = details.Title;
        RapporteurMember = details.RapporteurMember;
        RapporteurName = details.RapporteurName;
        StartsAt = details.StartsAt;
        EndsAt = details.EndsAt;
        DecidesKind = details.Decides?.Kind;
        DecidesId = details.Decides?.Id;
    }

    internal void MoveTo(int position) => Position = position;
}

/// <summary>A delegation's registered attendance: one row per invited member that registered.</summary>
public sealed class MeetingAttendance
{
    public const int MaxLeadLength = 200;

    private MeetingAttendance()
    {
    }

    internal MeetingAttendance(Guid meetingId, string member, AttendanceMode mode, string? leadName, string actor, DateTime now)
    {
        Id = Guid.CreateVersion7();
        MeetingId = meetingId;
        MemberCode = member;
        Change(mode, leadName, actor, now);
    }

    public Guid Id { get; private set; }

    public Guid MeetingId { get; private set; }

    public string MemberCode { get; private set; } = "";

    public AttendanceMode Mode { get; private set; }

    /// <summary>Who leads the delegation (for example the head of state or government).</summary>
    public string? LeadName { get; private set; }

    public string RegisteredBy { get; private set; } = "";

    /// <summary>UTC.</summary>
    public DateTime RegisteredAt { get; private set; }

    internal void Change(AttendanceMode mode, string? leadName, string actor, DateTime now)
    {
        Mode = mode;
        LeadName = leadName;
        RegisteredBy = actor;
        RegisteredAt = now;
    }
}

/// <summary>
/// A document attached to a meeting, with its own label — never less restrictive than the meeting's — and its content
/// held in the database with its SHA-256 so a reader can check what it received.
/// </summary>
public sealed class MeetingDocument : ILabelled
{
    public const int MaxBytes = 2 * 1024 * 1024;
    public const int MaxTitleLength = 200;
    public const int MaxFileNameLength = 200;

    private MeetingDocument()
    {
    }

    public MeetingDocument(Guid meetingId, string title, string fileName, string contentType, byte[] content, Label label, string actor, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(content);
        Id = Guid.CreateVersion7();
        MeetingId = meetingId;
        Title = title;
        FileName = fileName;
        ContentType = contentType;
        Content = content;
        Size = content.Length;
        Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
        Label = label;
        AddedBy = actor;
        AddedAt = now;
    }

    public Guid Id { get; private set; }

    public Guid MeetingId { get; private set; }

    public string Title { get; private set; } = "";

    public string FileName { get; private set; } = "";

    public string ContentType { get; private set; } = "application/octet-stream";

    /// <summary>Bytes.</summary>
    public int Size { get; private set; }

    /// <summary>Lower-case hex SHA-256 of <see cref="Content"/>.</summary>
    public string Sha256 { get; private set; } = "";

    public byte[] Content { get; private set; } = [];

    public Label Label { get; private set; } = Label.Public;

    public string AddedBy { get; private set; } = "";

    /// <summary>UTC.</summary>
    public DateTime AddedAt { get; private set; }
}

/// <summary>One revision of a meeting's minutes; revisions are only ever added, numbered from 1.</summary>
public sealed class MinutesRevision
{
    public const int MaxTextLength = 100_000;

    private MinutesRevision()
    {
    }

    public MinutesRevision(Guid meetingId, int number, string text, string by, DateTime at)
    {
        Id = Guid.CreateVersion7();
        MeetingId = meetingId;
        Number = number;
        Text = text;
        By = by;
        At = at;
    }

    public Guid Id { get; private set; }

    public Guid MeetingId { get; private set; }

    public int Number { get; private set; }

    public string Text { get; private set; } = "";

    public string By { get; private set; } = "";

    /// <summary>UTC.</summary>
    public DateTime At { get; private set; }
}

/// <summary>A notice for one user about a meeting (a reminder before it starts), shown on the home page.</summary>
public sealed class MeetingNotification
{
    public const string ReminderKind = "reminder";

    private MeetingNotification()
    {
    }

    public MeetingNotification(Guid userId, Guid meetingId, string kind, string text, DateTime now)
    {
        Id = Guid.CreateVersion7();
        UserId = userId;
        MeetingId = meetingId;
        Kind = kind;
        Text = text;
        CreatedAt = now;
    }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    public Guid MeetingId { get; private set; }

    public string Kind { get; private set; } = ReminderKind;

    public string Text { get; private set; } = "";

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; private set; }
}

/// <summary>
/// A user's secret calendar feed token. Only its SHA-256 is stored, so the table does not leak feeds; the user
/// creates (or replaces) it and revokes it by deleting the row.
/// </summary>
public sealed class CalendarFeedToken
{
    private CalendarFeedToken()
    {
    }

    public CalendarFeedToken(Guid userId, string tokenHash, DateTime now)
    {
        UserId = userId;
        TokenHash = tokenHash;
        CreatedAt = now;
    }

    public Guid UserId { get; private set; }

    public string TokenHash { get; private set; } = "";

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; private set; }

    public static string Hash(string token) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));
}
