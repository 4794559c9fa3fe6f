using Entente.Infrastructure.Data;
using Entente.Infrastructure.Problems;
using Entente.Modules.Sharing.Domain;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;

namespace Entente.Modules.Sharing.Features.Documents;

/// <summary>A multipart upload as received: the form's fields and the one file, not yet checked.</summary>
public sealed record ReceivedUpload(IFormCollection Form, string FileName, string? ClaimedType, byte[] Bytes)
{
    public string? Field(string name) => Form.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString().Trim() : null;

    /// <summary>A repeatable field; each value may also hold a comma-separated list.</summary>
    public IReadOnlyList<string> List(string name) =>
        Form.TryGetValue(name, out var values)
            ? [.. values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))]
            : [];
}

/// <summary>
/// Reading an upload: the size limit is the configured one (not the server's general request limit, which is lower and
/// would cut in with an unreadable error), checked before the body is read when the client says how long it is, and
/// while it is read otherwise; the answer is always a 413 problem saying the limit.
/// </summary>
public static class DocumentUploads
{
    /// <summary>The multipart form field that carries the file.</summary>
    public const string FileField = "file";

    public static async Task<Result<ReceivedUpload>> ReadAsync(HttpContext http, DocumentOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        var request = http.Request;
        if (!request.HasFormContentType)
        {
            return new DomainError("sharing.upload-not-multipart",
                $"Send the document as multipart/form-data, with the file in the field '{FileField}' and the other fields beside it.",
                ErrorKind.Validation, FileField);
        }

        var limit = options.MaxUploadBytes + DocumentOptions.FormOverheadBytes;
        if (request.ContentLength > limit)
        {
            return DocumentFiles.TooLarge(options.MaxUploadBytes);
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (InvalidDataException)
        {
            return DocumentFiles.TooLarge(options.MaxUploadBytes);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return DocumentFiles.TooLarge(options.MaxUploadBytes);
        }

        if (form.Files.Count > 1)
        {
            return DomainError.Invalid(FileField, "Send one file per upload.");
        }

        var file = form.Files.GetFile(FileField);
        if (file is null)
        {
            return DomainError.Invalid(FileField, $"Attach the file in the form field '{FileField}'.");
        }

        if (file.Length > options.MaxUploadBytes)
        {
            return DocumentFiles.TooLarge(options.MaxUploadBytes);
        }

        await using var stream = file.OpenReadStream();
        using var buffer = new MemoryStream((int)file.Length);
        await stream.CopyToAsync(buffer, cancellationToken);
        return new ReceivedUpload(form, file.FileName, file.ContentType, buffer.ToArray());
    }

    /// <summary>
    /// What both upload endpoints do first: read the multipart form, then check antiforgery for cookie sessions.
    /// Returns the upload, or the problem to answer with (nothing has been stored either way).
    /// </summary>
    public static async Task<(ReceivedUpload? Upload, Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult? Problem)> ReceiveAsync(
        HttpContext http, EntenteDbContext db, IAntiforgery antiforgery, DocumentOptions options, CancellationToken cancellationToken)
    {
        var upload = await ReadAsync(http, options, cancellationToken);
        if (!upload.IsSuccess)
        {
            return (null, DocumentAccess.ToProblem(upload.Error!));
        }

        return await CheckAntiforgeryAsync(http, db, antiforgery) is { } forged ? (null, forged.ToProblem()) : (upload.Value!, null);
    }

    /// <summary>
    /// A browser session posts a form without a preflight, so a cookie-authenticated upload needs the antiforgery token;
    /// API tokens travel in a header no other site can set (as for ledger imports).
    /// </summary>
    public static async Task<DomainError?> CheckAntiforgeryAsync(HttpContext http, EntenteDbContext db, IAntiforgery antiforgery)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(antiforgery);
        var byToken = db.Caller.AuthenticationMethod?.StartsWith("token:", StringComparison.Ordinal) ?? false;
        return byToken || await antiforgery.IsRequestValidAsync(http)
            ? null
            : new DomainError("sharing.antiforgery-failed",
                "Signed in with a browser session, send the antiforgery token with the form (or use an API token).", ErrorKind.Validation);
    }

    /// <summary>Who acts, as documents record it.</summary>
    public static DocumentActor ActorOf(EntenteDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return new DocumentActor(db.Caller.ActorName, db.Caller.Member);
    }
}
