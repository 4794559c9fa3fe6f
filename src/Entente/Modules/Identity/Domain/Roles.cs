namespace Entente.Modules.Identity.Domain;

/// <summary>The platform's roles. A user may hold several; none grants label access by itself.</summary>
public static class Roles
{
    public const string Administrator = "Administrator";
    public const string Secretariat = "Secretariat";
    public const string Delegate = "Delegate";
    public const string Monitor = "Monitor";
    public const string Analyst = "Analyst";

    /// <summary>
    /// Approves release requests for records its member originated: wider releasability or a lower classification
    /// (see the Sharing module). Held by a delegate alongside <see cref="Delegate"/>; requires a second factor.
    /// </summary>
    public const string Releaser = "Releaser";

    public static IReadOnlyList<string> All { get; } = [Administrator, Secretariat, Delegate, Monitor, Analyst, Releaser];

    /// <summary>Roles whose holders must sign in with a second factor.</summary>
    public static IReadOnlyList<string> RequiringTwoFactor { get; } = [Administrator, Secretariat, Releaser];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);

    /// <summary>Returns the canonical spelling of a role name given in any case, or null.</summary>
    public static string? Normalise(string? role) =>
        All.FirstOrDefault(r => string.Equals(r, role?.Trim(), StringComparison.OrdinalIgnoreCase));
}
