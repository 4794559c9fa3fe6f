namespace Entente.Components.Dashboard;

/// <summary>
/// Something waiting for a delegation, from any module: an action item it owes, a silence procedure it must answer,
/// a meeting it must register for. Each source maps its own records to these so that one card lists them together.
/// </summary>
/// <param name="Source">What kind of thing it is, as the card names it: "Action", "Silence procedure", "Meeting".</param>
/// <param name="Title">The record's title.</param>
/// <param name="Href">The page of the record.</param>
/// <param name="Due">The day it is due, when it has one.</param>
/// <param name="IsUrgent">Overdue, or due so soon that the card marks it.</param>
/// <param name="Detail">A short line under the title: "3 days overdue", "silence breaks at 12:00 UTC".</param>
public sealed record PendingItem(string Source, string Title, string Href, DateOnly? Due, bool IsUrgent, string? Detail);

/// <summary>What one source contributes to the card: how many there are in all, and the first few to list.</summary>
/// <param name="Name">The source's name in the plural, for example "Actions".</param>
/// <param name="Summary">A sentence that counts them, for example "4 open actions, 1 overdue".</param>
/// <param name="Href">The page that lists them all.</param>
/// <param name="Items">The first few, most urgent first.</param>
public sealed record PendingSource(string Name, string Summary, string Href, IReadOnlyList<PendingItem> Items);
