namespace Entente.Infrastructure.Labels;

/// <summary>
/// A record that can be restricted. Every entity implementing this interface gets the label query filter
/// (<see cref="Data.EntenteDbContext"/>) on every query, so a caller never reads, counts or exports a record
/// its <see cref="AccessScope"/> does not allow.
/// </summary>
public interface ILabelled
{
    Label Label { get; }
}
