using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Modules.Audit.Domain;
using Entente.Modules.Audit;

namespace Entente.Modules.Sharing.Features;

/// <summary>Writes refused sharing actions to the audit chain: who tried what, on which record, and why it was refused.</summary>
public static class SharingAudit
{
    /// <summary>
    /// Appends an access-denied entry and saves it alone (nothing else is tracked when a refusal is recorded).
    /// <paramref name="label"/> is the label of what the entry is about, so the entry is read under it; a refusal about
    /// something the caller may not see is recorded under the platform's unlabelled-record label and names only the id.
    /// </summary>
    public static async Task<DomainError> RefusedAsync(
        EntenteDbContext db, string entityType, Guid? id, DomainError error, string action, Label? label, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(error);
        db.ChangeTracker.Clear();
        db.AppendAudit(db.AuditTrail.Event(AuditActions.AccessDenied, entityType, id?.ToString("D"),
            new { action, refused = error.Code }, label ?? AuditTrail.UnlabelledRecordLabel));
        await db.SaveChangesAsync(cancellationToken);
        return error;
    }
}
