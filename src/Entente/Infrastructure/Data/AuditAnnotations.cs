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
}
