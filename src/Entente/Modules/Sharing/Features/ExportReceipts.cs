using System.Security.Claims;
using System.Text;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Http;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Infrastructure.Security;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Sharing.Contracts;
using Entente.Modules.Sharing.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entente.Modules.Sharing.Features;

/// <summary>An export receipt as the API shows it.</summary>
public sealed record ExportReceiptResponse(
    Guid Id, DateTime ExportedAt, string ExportedBy, string? Member, string Route, string FileName, string ContentType, long Size,
    string Sha256, LabelView Label, string KeyId, string SidecarUrl);

/// <summary>
/// <c>GET /exports</c>, <c>GET /exports/{id}/label</c>, <c>GET /exports/signing-key</c>: the receipts of the files that
/// left the platform and their signed label sidecars. A caller sees its own receipts (and those of anonymous PUBLIC
/// exports); staff see everyone's — always through the label filter, so a receipt never reveals an export the caller
/// could not have read. Anything else is 404.
/// </summary>
public static class ExportReceipts
{
    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapGet("/exports", ListAsync)
            .WithName("ListExportReceipts")
            .WithSummary("List export receipts")
            .WithDescription("Your exports (staff: everyone's), newest first, each with its size, SHA-256, label and a link to its signed label sidecar. Only receipts whose label you may read are listed.")
            .Produces<Paged<ExportReceiptResponse>>();
        group.MapGet("/exports/{id:guid}/label", GetLabelAsync)
            .WithName("GetExportLabel")
            .WithSummary("The signed label sidecar of an export")
            .WithDescription("The sidecar (STANAG 4774 confidentiality information bound to the file's SHA-256, signed ES256) as <file>.label.json. Verify it with `entente labels verify FILE` or with the public key at /api/v1/exports/signing-key. 404 for another member's export, or one whose label you may not read.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/exports/signing-key", GetSigningKey)
            .AllowAnonymous()
            .WithName("GetExportSigningKey")
            .WithSummary("The public key that signs label sidecars")
            .WithDescription("A PEM `PUBLIC KEY` (ECDSA P-256); its key id is the first 16 hex digits of the SHA-256 of its DER form. Partners verify sidecars with it without the platform.")
            .Produces<string>(StatusCodes.Status200OK, "application/x-pem-file");
    }

    /// <summary>The receipts a caller may see: its own and anonymous ones, or everyone's for staff; the label filter applies on top.</summary>
    public static IQueryable<ExportReceipt> Visible(EntenteDbContext db, ClaimsPrincipal user, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(caller);
        var receipts = db.ExportReceipts.AsNoTracking();
        if (caller.Scope.IsSystem || MemberAccess.IsStaff(user))
        {
            return receipts;
        }

        var userId = caller.UserId;
        return receipts.Where(r => r.UserId == null || (userId != null && r.UserId == userId));
    }

    public static ExportReceiptResponse View(ExportReceipt r, PolicySnapshot policy)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new ExportReceiptResponse(r.Id, r.ExportedAt, r.Actor, r.Member, r.Route, r.FileName, r.ContentType, r.Size, r.Sha256,
            LabelView.From(r.Label, policy), r.KeyId, $"/api/v1/exports/{r.Id:D}/label");
    }

    public static async Task<Ok<Paged<ExportReceiptResponse>>> ListAsync(
        [AsParameters] PageRequest page, ClaimsPrincipal user, Caller caller, EntenteDbContext db, ISecurityPolicyCatalog catalog,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var policy = catalog.Current;
        var paged = await Visible(db, user, caller).OrderByDescending(r => r.ExportedAt).ThenByDescending(r => r.Id)
            .ToPagedAsync(page, r => View(r, policy), cancellationToken);
        return TypedResults.Ok(paged);
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetLabelAsync(
        Guid id, ClaimsPrincipal user, Caller caller, EntenteDbContext db, CancellationToken cancellationToken)
    {
        var receipt = await Visible(db, user, caller).FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (receipt is null)
        {
            return ProblemResults.NotFound("The export");
        }

        return TypedResults.File(Encoding.UTF8.GetBytes(receipt.Sidecar), "application/json", SidecarFileName(receipt.FileName));
    }

    public static string SidecarFileName(string fileName) => fileName + ".label.json";

    public static FileContentHttpResult GetSigningKey(LabelSigner signer)
    {
        ArgumentNullException.ThrowIfNull(signer);
        return TypedResults.File(Encoding.ASCII.GetBytes(signer.PublicKeyPem + "\n"), "application/x-pem-file", $"entente-label-signing-{signer.KeyId}.pem");
    }
}
