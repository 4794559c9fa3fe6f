using Entente.Infrastructure.Labels;
using Entente.Modules.Registry.Contracts;
using Entente.Modules.Registry.Domain;

namespace Entente.Modules.Registry.Features;

/// <summary>
/// A member in a list: its code (ISO 3166-1 alpha-3 for states, a short code for organisations), the status in force
/// today (UTC; null when none is) and the first day of that status's period.
/// </summary>
public sealed record MemberSummary(
    string Code,
    string Name,
    MemberKind Kind,
    CoalitionStatus? Status,
    DateOnly? StatusSince,
    LabelView Label);

/// <summary>One period of a member's standing; <c>to</c> is inclusive and null while open-ended.</summary>
public sealed record StatusPeriodView(
    Guid Id,
    CoalitionStatus Status,
    DateOnly From,
    DateOnly? To,
    string? Note,
    DateTime RecordedAt);

/// <summary>
/// A member with its status history (newest first). Instants are UTC. <see cref="Version"/> is what an update sends
/// back to be refused (409) if someone else changed the member in between.
/// </summary>
public sealed record MemberDetail(
    string Code,
    string Name,
    MemberKind Kind,
    string? Notes,
    CoalitionStatus? Status,
    DateOnly? StatusSince,
    IReadOnlyList<StatusPeriodView> Statuses,
    LabelView Label,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    int Version);

/// <summary>
/// A person who represents a member (its delegate), under the delegate's own label. Instants are UTC.
/// <see cref="Version"/> is what an update sends back to be refused (409) if someone else changed the delegate in between.
/// </summary>
public sealed record DelegateView(
    Guid Id,
    string Member,
    string FullName,
    string? Position,
    string? Email,
    string? Phone,
    bool IsHeadOfDelegation,
    LabelView Label,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    int Version);

/// <summary>Explicit mappings from the Registry's entities to what the API and the pages show.</summary>
public static class RegistryViews
{
    public static MemberSummary Summary(Member member, PolicySnapshot policy, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(member);
        var current = member.PeriodOn(today);
        return new MemberSummary(member.Code, member.Name, member.Kind, current?.Status, current?.From, LabelView.From(member.Label, policy));
    }

    public static MemberDetail Detail(Member member, PolicySnapshot policy, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(member);
        var current = member.PeriodOn(today);
        return new MemberDetail(
            member.Code,
            member.Name,
            member.Kind,
            member.Notes,
            current?.Status,
            current?.From,
            member.Statuses.Reverse().Select(Period).ToList(),
            LabelView.From(member.Label, policy),
            member.CreatedAt,
            member.UpdatedAt,
            member.Version);
    }

    public static StatusPeriodView Period(MemberStatusPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return new StatusPeriodView(period.Id, period.Status, period.From, period.To, period.Note, period.RecordedAt);
    }

    public static DelegateView Delegate(Representative d, PolicySnapshot policy)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new DelegateView(d.Id, d.MemberCode, d.FullName, d.Position, d.Email, d.Phone, d.IsHeadOfDelegation,
            LabelView.From(d.Label, policy), d.CreatedAt, d.UpdatedAt, d.Version);
    }

    /// <summary>The coalition's calendar day: UTC.</summary>
    public static DateOnly Today(this TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
    }

    public static DateTime UtcNow(this TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return time.GetUtcNow().UtcDateTime;
    }
}
