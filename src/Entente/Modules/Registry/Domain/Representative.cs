using System.Net.Mail;
using Entente.Infrastructure.Labels;
using Entente.Infrastructure.Problems;
using Entente.Infrastructure.Text;

namespace Entente.Modules.Registry.Domain;

/// <summary>
/// A person who represents a member in the coalition: head of delegation, deputy, military representative.
/// Contact details are personal data, so a delegate carries its own label (RESTRICTED by default).
/// </summary>
public sealed class Representative : ILabelled
{
    public const int MaxNameLength = 200;
    public const int MaxPositionLength = 200;
    public const int MaxEmailLength = 254;
    public const int MaxPhoneLength = 40;

    private Representative()
    {
    }

    public Guid Id { get; private set; }

    public string MemberCode { get; private set; } = "";

    public string FullName { get; private set; } = "";

    public string? Position { get; private set; }

    public string? Email { get; private set; }

    public string? Phone { get; private set; }

    public bool IsHeadOfDelegation { get; private set; }

    /// <summary>The platform account of this delegate, when there is one.</summary>
    public Guid? UserId { get; private set; }

    public Label Label { get; private set; } = Label.Public;

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; private set; }

    /// <summary>UTC.</summary>
    public DateTime UpdatedAt { get; private set; }

    /// <summary>Grows by one with every change; see <see cref="Member.Version"/>.</summary>
    public int Version { get; private set; }

    /// <summary>Appoints a delegate of the member <paramref name="memberCode"/>, which the caller has already resolved.</summary>
    public static Result<Representative> Appoint(string memberCode, string fullName, string? position, string? email, string? phone,
        bool isHead, Guid? userId, Label label, DateTime now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(memberCode);
        var d = new Representative { Id = Guid.CreateVersion7(now), MemberCode = memberCode, CreatedAt = now };
        var r = d.Update(fullName, position, email, phone, isHead, userId, label, now);
        return r.IsSuccess ? d : r.Error!;
    }

    public Result Update(string fullName, string? position, string? email, string? phone, bool isHead, Guid? userId, Label label, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(label);
        fullName = (fullName ?? "").Trim();
        if (fullName.Length is 0 or > MaxNameLength)
        {
            return DomainError.Invalid("fullName", $"The name must have 1 to {MaxNameLength} characters.");
        }

        if (!PlainText.IsClean(fullName))
        {
            return DomainError.Invalid("fullName", "The name cannot contain control characters or line breaks.");
        }

        position = PlainText.TrimToNull(position);
        if (position?.Length > MaxPositionLength)
        {
            return DomainError.Invalid("position", $"The position may have at most {MaxPositionLength} characters.");
        }

        if (position is not null && !PlainText.IsClean(position))
        {
            return DomainError.Invalid("position", "The position cannot contain control characters or line breaks.");
        }

        email = PlainText.TrimToNull(email);
        if (email is not null && (email.Length > MaxEmailLength || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email))
        {
            return DomainError.Invalid("email", "The e-mail address is not valid.");
        }

        phone = PlainText.TrimToNull(phone);
        if (phone is not null && (phone.Length > MaxPhoneLength || phone.Any(c => !(char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '(' or ')')) || phone.Count(char.IsAsciiDigit) < 3))
        {
            return DomainError.Invalid("phone", "A phone number has digits, spaces and + - ( ) only.");
        }

        FullName = fullName;
        Position = position;
        Email = email;
        Phone = phone;
        IsHeadOfDelegation = isHead;
        UserId = userId;
        Label = label;
        UpdatedAt = now;
        Version++;
        return Result.Success;
    }
}
