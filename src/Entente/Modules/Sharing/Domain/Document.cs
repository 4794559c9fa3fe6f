using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;

namespace Entente.Modules.Sharing.Domain;

/// <summary>Who did something to a document, as the record keeps it.</summary>
public sealed record DocumentActor(string UserName, string? Member);

/// <summary>A parent record a document hangs on, as found through the caller's label filter.</summary>
public sealed record DocumentParent(string Kind, Guid Id, Label Label);

/// <summary>
/// A restricted document: a title, a label of its own and a history of uploaded versions, optionally hanging on another
/// labelled record (a meeting, an offer, an event).
/// </summary>
/// <remarks>
/// Invariants: the title is 1 to <see cref="MaxTitleLength"/> characters; when the document hangs on a parent, its label
/// is at least as restrictive as the parent's (<see cref="Label.IsAtLeastAsRestrictiveAs"/>) — a document never tells
/// more people than the record it belongs to; versions are numbered 1, 2, 3 … without gaps and are only appended;
/// <see cref="Version"/> (the concurrency token) equals the number of the latest version.
/// </remarks>
public sealed class Document : ILabelled
{
    public const int MaxTitleLength = 300;
    public const int MaxDescriptionLength = 4000;
    public const int MaxNoteLength = 1000;
    public const int MaxVersions = 500;

    public static readonly DomainError BelowParent = new("sharing.label-below-parent",
        "The document's label is less restrictive than the record it belongs to: give it at least the record's classification and TLP, " +
        "release it only to members the record is released to, and keep the record's sharing group. Only an approved release may lower it.",
        ErrorKind.Validation, "label");

    private readonly List<DocumentVersion> _versions = [];

    private Document()
    {
    }

    public Guid Id { get; private set; }

    public string Title { get; private set; } = "";

    public string? Description { get; private set; }

    public Label Label { get; private set; } = Label.Public;

    /// <summary>Kind of the record the document hangs on (<c>meeting</c>, <c>offer</c> …), or null.</summary>
    public string? ParentKind { get; private set; }

    public Guid? ParentId { get; private set; }

    /// <summary>Member code of the member that put the document in, if the uploader acts for one.</summary>
    public string? OriginatorMember { get; private set; }

    /// <summary>Number of the latest version; also the optimistic concurrency token.</summary>
    public int Version { get; private set; }

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; private set; }

    public string CreatedBy { get; private set; } = "";

    /// <summary>UTC.</summary>
    public DateTime UpdatedAt { get; private set; }

    public string UpdatedBy { get; private set; } = "";

    public IReadOnlyList<DocumentVersion> Versions => _versions;

    /// <summary>Creates a document with its first version.</summary>
    public static Result<Document> Create(
        string title, string? description, Label label, DocumentParent? parent, CheckedFile file, string? note, DocumentActor actor, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(actor);
        var cleanTitle = (title ?? "").Trim();
        if (cleanTitle.Length == 0 || cleanTitle.Length > MaxTitleLength)
        {
            return DomainError.Invalid("title", $"Give the document a title of 1 to {MaxTitleLength} characters.");
        }

        var cleanDescription = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        if (cleanDescription?.Length > MaxDescriptionLength)
        {
            return DomainError.Invalid("description", $"A description holds at most {MaxDescriptionLength} characters.");
        }

        if (parent is not null && !label.IsAtLeastAsRestrictiveAs(parent.Label))
        {
            return BelowParent;
        }

        var document = new Document
        {
            Id = Guid.NewGuid(),
            Title = cleanTitle,
            Description = cleanDescription,
            Label = label,
            ParentKind = parent?.Kind,
            ParentId = parent?.Id,
            OriginatorMember = actor.Member,
            CreatedAt = now,
            CreatedBy = actor.UserName,
        };
        var added = document.AddVersion(file, note, document.Version, actor, now);
        return added.IsSuccess ? document : added.Error!;
    }

    /// <summary>Appends a version; refused when <paramref name="expectedVersion"/> is not the latest version's number.</summary>
    public Result<DocumentVersion> AddVersion(CheckedFile file, string? note, int expectedVersion, DocumentActor actor, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(actor);
        if (expectedVersion != Version)
        {
            return new DomainError("sharing.document-version-conflict",
                $"The document is at version {Version}, not {expectedVersion}: someone uploaded a version meanwhile. Look at it, then upload yours against version {Version}.",
                ErrorKind.Conflict, "expectedVersion");
        }

        if (_versions.Count >= MaxVersions)
        {
            return new DomainError("sharing.too-many-versions", $"A document keeps at most {MaxVersions} versions; start a new document.");
        }

        var cleanNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (cleanNote?.Length > MaxNoteLength)
        {
            return DomainError.Invalid("note", $"A version note holds at most {MaxNoteLength} characters.");
        }

        var version = new DocumentVersion(Id, Version + 1, file, cleanNote, actor, now);
        _versions.Add(version);
        Version = version.Number;
        UpdatedAt = now;
        UpdatedBy = actor.UserName;
        return version;
    }
}

/// <summary>One uploaded file of a document. Its bytes live in <see cref="DocumentContent"/>, bound by <see cref="Sha256"/>.</summary>
public sealed class DocumentVersion
{
    private DocumentVersion()
    {
    }

    internal DocumentVersion(Guid documentId, int number, CheckedFile file, string? note, DocumentActor actor, DateTime now)
    {
        Id = Guid.NewGuid();
        DocumentId = documentId;
        Number = number;
        FileName = file.FileName;
        ContentType = file.ContentType;
        Size = file.Bytes.Length;
        Sha256 = file.Sha256;
        Note = note;
        UploadedBy = actor.UserName;
        UploadedByMember = actor.Member;
        UploadedAt = now;
        Content = new DocumentContent { VersionId = Id, Bytes = file.Bytes };
    }

    public Guid Id { get; private set; }

    public Guid DocumentId { get; private set; }

    /// <summary>1 for the first upload, then one more for each.</summary>
    public int Number { get; private set; }

    /// <summary>The sanitised display name (see <see cref="FileNames.Sanitise"/>).</summary>
    public string FileName { get; private set; } = "";

    /// <summary>The type the content was recognised as (never merely the type the client claimed).</summary>
    public string ContentType { get; private set; } = "";

    public long Size { get; private set; }

    /// <summary>Lower-case hex SHA-256 of the content.</summary>
    public string Sha256 { get; private set; } = "";

    public string? Note { get; private set; }

    public string UploadedBy { get; private set; } = "";

    public string? UploadedByMember { get; private set; }

    /// <summary>UTC.</summary>
    public DateTime UploadedAt { get; private set; }

    /// <summary>Loaded only for a download; null otherwise.</summary>
    public DocumentContent? Content { get; private set; }
}

/// <summary>The bytes of one version, in a table of their own so lists and details never load them.</summary>
public sealed class DocumentContent
{
    public Guid VersionId { get; init; }

    public byte[] Bytes { get; init; } = [];
}
