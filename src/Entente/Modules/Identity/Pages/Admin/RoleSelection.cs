using Entente.Modules.Identity.Domain;

namespace Entente.Modules.Identity.Pages.Admin;

/// <summary>The role checkboxes of the user forms: one property per role, which plain HTML forms bind reliably.</summary>
public sealed class RoleSelection
{
    public bool Administrator { get; set; }

    public bool Secretariat { get; set; }

    public bool Delegate { get; set; }

    public bool Monitor { get; set; }

    public bool Analyst { get; set; }

    public static RoleSelection From(IEnumerable<string> roles)
    {
        var set = roles.ToHashSet(StringComparer.Ordinal);
        return new RoleSelection
        {
            Administrator = set.Contains(Roles.Administrator),
            Secretariat = set.Contains(Roles.Secretariat),
            Delegate = set.Contains(Roles.Delegate),
            Monitor = set.Contains(Roles.Monitor),
            Analyst = set.Contains(Roles.Analyst),
        };
    }

    public List<string> ToList()
    {
        var roles = new List<string>();
        Add(Administrator, Roles.Administrator);
        Add(Secretariat, Roles.Secretariat);
        Add(Delegate, Roles.Delegate);
        Add(Monitor, Roles.Monitor);
        Add(Analyst, Roles.Analyst);
        return roles;

        void Add(bool selected, string role)
        {
            if (selected)
            {
                roles.Add(role);
            }
        }
    }
}
