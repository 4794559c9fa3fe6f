using System.Security.Cryptography;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Security;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Sharing.Domain;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Entente.Modules.Sharing.Contracts;

/// <summary>
/// For endpoints marked <see cref="LabelledExport.WithLabelledExport{TBuilder}"/>: names the export in the response
/// headers (<c>Entente-Export-Id</c> and a <c>Link</c> to its sidecar, sent before the body), hashes the body as it
/// streams (nothing is buffered), and once the handler has finished with 200 stores the signed
/// <see cref="ExportReceipt"/>. A handler that answers 200 without declaring its label
/// (<see cref="LabelledExport.Declare"/>) fails before its first byte leaves.
/// </summary>
public sealed class LabelledExportMiddleware(RequestDelegate next, ILogger<LabelledExportMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var endpoint = http.GetEndpoint();
        if (endpoint?.Metadata.GetMetadata<LabelledExportMetadata>() is null || !HttpMethods.IsGet(http.Request.Method))
        {
            await next(http);
            return;
        }

        var id = Guid.CreateVersion7();
        var declared = new DeclaredLabel();
        http.Features.Set<IExportLabelFeature>(declared);
        var original = http.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        await using var hashing = new HashingStream(original.Stream);
        http.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(hashing, original));
        http.Response.OnStarting(() =>
        {
            if (http.Response.StatusCode == StatusCodes.Status200OK)
            {
                if (declared.Label is null)
                {
                    throw new InvalidOperationException(
                        $"The export {endpoint.DisplayName} wrote a file without declaring its label (LabelledExport.Declare).");
                }

                http.Response.Headers[LabelledExport.IdHeader] = id.ToString("D");
                http.Response.Headers.Append(HeaderNames.Link, $"<{http.Request.PathBase}/api/v1/exports/{id:D}/label>; rel=\"describedby\"");
            }

            return Task.CompletedTask;
        });

        try
        {
            await next(http);
        }
        finally
        {
            http.Features.Set(original);
        }

        if (http.Response.StatusCode != StatusCodes.Status200OK || declared.Label is not { } label)
        {
            return;
        }

        // The file has gone out: its receipt is stored even if the client has already hung up.
        try
        {
            await StoreAsync(http, id, (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? http.Request.Path, label, hashing, CancellationToken.None);
        }
        catch (Exception ex) when (ex is Microsoft.EntityFrameworkCore.DbUpdateException or System.Data.Common.DbException)
        {
            logger.LogError(ex, "The receipt of export {ExportId} could not be stored.", id);
        }
    }

    private static async Task StoreAsync(HttpContext http, Guid id, string route, Label label, HashingStream body, CancellationToken cancellationToken)
    {
        var services = http.RequestServices;
        var caller = services.GetRequiredService<Caller>();
        var policy = services.GetRequiredService<ISecurityPolicyCatalog>().Current;
        var signer = services.GetRequiredService<LabelSigner>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var contentType = http.Response.ContentType ?? "application/octet-stream";
        var data = new DataReference(FileNameOf(http.Response, id), contentType, body.Length, body.Sha256());
        var fullRoute = route.StartsWith('/') ? route : "/" + route;
        var (sidecar, signature) = LabelSidecar.Create(id, data, label, policy, now, caller.ActorName, caller.Member, fullRoute, signer);
        await using var db = ActivatorUtilities.CreateInstance<EntenteDbContext>(services);
        db.ExportReceipts.Add(ExportReceipt.Create(
            id, caller.UserId, caller.ActorName, caller.Member, now, fullRoute, data.FileName, contentType, data.Size, data.Sha256, label,
            signer.KeyId, signature, sidecar));
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string FileNameOf(HttpResponse response, Guid id)
    {
        if (ContentDispositionHeaderValue.TryParse(response.Headers.ContentDisposition.ToString(), out var disposition))
        {
            var name = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
            if (!string.IsNullOrWhiteSpace(name))
            {
                return Path.GetFileName(name);
            }
        }

        return $"export-{id:N}";
    }

    private sealed class DeclaredLabel : IExportLabelFeature
    {
        public Label? Label { get; set; }
    }

    /// <summary>Passes every byte through to the response and into a SHA-256, counting them.</summary>
    private sealed class HashingStream(Stream inner) : Stream
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position
        {
            get => _length;
            set => throw new NotSupportedException();
        }

        public string Sha256() => Convert.ToHexStringLower(_hash.GetCurrentHash());

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            _hash.AppendData(buffer);
            _length += buffer.Length;
            inner.Write(buffer);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _hash.AppendData(buffer.Span);
            _length += buffer.Length;
            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _hash.Dispose();
            }

            base.Dispose(disposing);
        }

        public override ValueTask DisposeAsync()
        {
            _hash.Dispose();
            return base.DisposeAsync();
        }
    }
}
