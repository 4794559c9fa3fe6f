namespace Entente.Modules.Ledger.Pages;

/// <summary>One series of a <see cref="ChartFigure"/>: a key the script picks a colour by, a name, and values in euro cents.</summary>
public sealed record ChartSeries(string Key, string Name, IReadOnlyList<long> Cents);
