using Entente.Modules.Summits.Domain;
using Microsoft.EntityFrameworkCore;

namespace Entente.Infrastructure.Data;

/// <summary>Summits, rapid consultations: the link from an alert, event, decision or meeting to what was opened for it.</summary>
public sealed partial class EntenteDbContext
{
    public DbSet<Consultation> Consultations => Set<Consultation>();
}
