using Entente.Modules.Sharing.Domain;
using Microsoft.EntityFrameworkCore;

namespace Entente.Infrastructure.Data;

/// <summary>Sharing, label binding: the receipts of exports and their signed sidecars.</summary>
public sealed partial class EntenteDbContext
{
    /// <summary>Labelled: read through the label filter like the records the exports hold.</summary>
    public DbSet<ExportReceipt> ExportReceipts => Set<ExportReceipt>();
}
