namespace Entente.Infrastructure.Data;

/// <summary>Model annotations that steer how changes are written to the audit chain.</summary>
public static class AuditAnnotations
{
    /// <summary>The property's value is secret: the audit entry records that it changed, never the value.</summary>
    public const string Redact = "Entente:Audit:Redact";

    /// <summary>Bookkeeping the audit chain ignores: a change to only such properties writes no entry.</summary>
    public const string Ignore = "Entente:Audit:Ignore";

    /// <summary>On an entity type: changes to it are not audited row by row (the audit chain itself, leases).</summary>
    public const string NotAudited = "Entente:Audit:NotAudited";

    /// <summary>
    /// On an entity type that carries no label of its own: the name of the labelled entity type that owns its rows
    /// (reached through a foreign key). Entries about such a row carry the owner's label, so whoever may not read the
    /// owner does not read its parts in the audit log either.
    /// </summary>
    public const string LabelOwner = "Entente:Audit:LabelOwner";

    /// <summary>
    /// On an entity type that carries no label and belongs to no labelled record (user accounts, the security policy,
    /// settings): entries about it are platform records, under <c>AuditTrail.UnlabelledRecordLabel</c>.
    /// </summary>
    public const string PlatformRecord = "Entente:Audit:PlatformRecord";
}
