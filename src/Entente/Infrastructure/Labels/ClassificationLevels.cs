namespace Entente.Infrastructure.Labels;

/// <summary>
/// Ranks of the default policy's classifications. The policy itself is data (Registry module); these
/// constants name the ranks the platform seeds so code and tests can refer to them.
/// </summary>
public static class ClassificationLevels
{
    public const int Public = 0;
    public const int Restricted = 1;
    public const int Confidential = 2;
    public const int Secret = 3;

    /// <summary>Default: reads of records at or above this rank are written to the audit chain.</summary>
    public const int ReadAuditThreshold = Confidential;
}
