using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;

namespace Entente.Modules.Sharing.Domain;

/// <summary>Who writes a message: the user (id and name) and the member the user acts for.</summary>
public readonly record struct MessageAuthor(Guid? UserId, string Name, string? Member);

/// <summary>
/// A message in the thread of a labelled record (a meeting, an event, an offer, a document …). Invariants: the body
/// is plain text, trimmed, present and at most <see cref="MaxBodyLength"/> characters; the label is at least as
/// restrictive as the record's (and as the message it replies to) — the handlers check that against the records the
/// caller can see, because the message cannot load them itself; only the author edits or withdraws it; a withdrawn
/// message keeps its place in the thread as a tombstone without text and cannot be edited again; every change raises
/// <see cref="Version"/>, the optimistic concurrency token, and an edit keeps the text it replaced as a
/// <see cref="MessageRevision"/>.
/// </summary>
public sealed class Message : ILabelled
{
    public const int MaxBodyLength = 8000;
    public const int MaxKindLength = 32;

    private readonly List<MessageRevision> _revisions = [];

    private Message()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>Kind of the record the thread hangs on (<c>meeting</c>, <c>event</c>, <c>offer</c> …), lower case.</summary>
    public string ParentKind { get; private set; } = "";

    public Guid ParentId { get; private set; }

    /// <summary>The message of the same thread this one answers, if any.</summary>
    public Guid? ReplyToId { get; private set; }

    public string Body { get; private set; } = "";

    public Label Label { get; private set; } = Label.Public;

    public Guid? AuthorUserId { get; private set; }

    public string AuthorName { get; private set; } = "";

    public string? AuthorMember { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime? EditedAt { get; private set; }

    /// <summary>When the author withdrew the message; its text is gone, its place in the thread stays.</summary>
    public DateTime? WithdrawnAt { get; private set; }

    /// <summary>Grows by one with every change; also the optimistic concurrency token.</summary>
    public int Version { get; private set; }

    /// <summary>The texts the message had before each edit, oldest first.</summary>
    public IReadOnlyList<MessageRevision> Revisions => _revisions;

    public bool IsWithdrawn => WithdrawnAt is not null;

    public static DomainError BodyMissing { get; } = DomainError.Invalid("body", "Write the message: the body cannot be empty.");

    public static DomainError BodyTooLong { get; } =
        DomainError.Invalid("body", $"A message is at most {MaxBodyLength} characters; split it into several messages or attach a document.");

    public static DomainError NotTheAuthor { get; } = new(
        "sharing.message-not-author", "Only the author of a message may edit or withdraw it.", ErrorKind.Forbidden);

    public static DomainError AlreadyWithdrawn { get; } = new(
        "sharing.message-withdrawn", "The message was withdrawn by its author; it can no longer be changed.", ErrorKind.Conflict);

    public static Result<Message> Post(
        string parentKind, Guid parentId, Guid? replyToId, string? body, Label label, MessageAuthor author, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(label);
        var text = CheckBody(body);
        if (!text.IsSuccess)
        {
            return text.Error!;
        }

        return new Message
        {
            Id = Guid.CreateVersion7(now),
            ParentKind = parentKind.Trim().ToLowerInvariant(),
            ParentId = parentId,
            ReplyToId = replyToId,
            Body = text.Value!,
            Label = label,
            AuthorUserId = author.UserId,
            AuthorName = author.Name,
            AuthorMember = author.Member,
            CreatedAt = now,
            Version = 1,
        };
    }

    /// <summary>Replaces the text (and, when given, the label); the previous text is kept as a revision.</summary>
    public Result Edit(string? body, Label? label, MessageAuthor editor, DateTime now)
    {
        if (!IsAuthor(editor))
        {
            return NotTheAuthor;
        }

        if (IsWithdrawn)
        {
            return AlreadyWithdrawn;
        }

        var text = CheckBody(body);
        if (!text.IsSuccess)
        {
            return text.Error!;
        }

        _revisions.Add(MessageRevision.Of(this, _revisions.Count + 1, now));
        Body = text.Value!;
        Label = label ?? Label;
        EditedAt = now;
        Version++;
        return Result.Success;
    }

    /// <summary>The author withdraws the message: the text and its earlier versions go, a tombstone stays.</summary>
    public Result Withdraw(MessageAuthor editor, DateTime now)
    {
        if (!IsAuthor(editor))
        {
            return NotTheAuthor;
        }

        if (IsWithdrawn)
        {
            return AlreadyWithdrawn;
        }

        Body = "";
        _revisions.Clear();
        WithdrawnAt = now;
        Version++;
        return Result.Success;
    }

    public bool IsAuthor(MessageAuthor who) =>
        AuthorUserId is { } id ? who.UserId == id : string.Equals(AuthorName, who.Name, StringComparison.Ordinal);

    private static Result<string> CheckBody(string? body)
    {
        var text = (body ?? "").Trim();
        if (text.Length == 0)
        {
            return BodyMissing;
        }

        return text.Length > MaxBodyLength ? BodyTooLong : text;
    }
}

/// <summary>The text a message had before an edit. Visible only with its message (it carries no label of its own).</summary>
public sealed class MessageRevision
{
    private MessageRevision()
    {
    }

    public Guid Id { get; private set; }

    public Guid MessageId { get; private set; }

    /// <summary>1 for the original text, then one more per edit.</summary>
    public int Sequence { get; private set; }

    public string Body { get; private set; } = "";

    /// <summary>When the text was replaced.</summary>
    public DateTime ReplacedAt { get; private set; }

    internal static MessageRevision Of(Message message, int sequence, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(now),
        MessageId = message.Id,
        Sequence = sequence,
        Body = message.Body,
        ReplacedAt = now,
    };
}
