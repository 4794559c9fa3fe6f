using Microsoft.AspNetCore.Identity;

namespace Entente.Modules.Identity.Domain;

/// <summary>
/// A person or machine client. Belongs to at most one member (<see cref="MemberCode"/>) and holds a clearance,
/// a classification rank of the security policy. Coalition staff belong to the Secretariat's own member entry.
/// </summary>
public sealed class EntenteUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";

    /// <summary>The member (state, organisation or the Secretariat) the user acts for, or null.</summary>
    public string? MemberCode { get; set; }

    /// <summary>Highest classification rank the user may read.</summary>
    public int Clearance { get; set; }

    /// <summary>A disabled user cannot sign in and its API tokens stop working at once.</summary>
    public bool IsDisabled { get; set; }

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>UTC of the last successful sign-in or token use.</summary>
    public DateTime? LastSeenAt { get; set; }

    /// <summary>
    /// Set when an administrator or the command line hands out a generated password: the user may sign in with it
    /// once, and is then confined to the account pages until they choose their own password.
    /// </summary>
    public bool PasswordChangeRequired { get; set; }

    /// <summary>Created by the demo seeder; removed and recreated by <c>entente demo reset</c>.</summary>
    public bool IsDemo { get; set; }
}

public sealed class EntenteRole : IdentityRole<Guid>
{
    public EntenteRole()
    {
    }

    public EntenteRole(string name)
        : base(name)
    {
        NormalizedName = name.ToUpperInvariant();
    }
}
