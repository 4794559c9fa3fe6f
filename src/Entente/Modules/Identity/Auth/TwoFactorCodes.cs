using System.Text;
using QRCoder;

namespace Entente.Modules.Identity.Auth;

/// <summary>How codes typed by people are read: spaces and dashes that apps and printouts add are ignored.</summary>
public static class TwoFactorCodes
{
    /// <summary>Six digits, optionally grouped as authenticator apps show them (<c>123 456</c>).</summary>
    public const string TotpPattern = @"^\s*\d{3}[\s-]?\d{3}\s*$";

    /// <summary>How many recovery codes are issued at enrolment or on request.</summary>
    public const int RecoveryCodeCount = 10;

    public static string Normalise(string? code) =>
        new((code ?? "").Where(char.IsAsciiDigit).ToArray());

    /// <summary>Recovery codes are issued as <c>XXXXX-XXXXX</c>; accept them in any case and with or without spaces.</summary>
    public static string NormaliseRecoveryCode(string? code)
    {
        var text = new string((code ?? "").Where(c => !char.IsWhiteSpace(c)).ToArray()).ToUpperInvariant();
        return text.Length == 10 && !text.Contains('-', StringComparison.Ordinal) ? $"{text[..5]}-{text[5..]}" : text;
    }

    /// <summary>The shared key as people copy it: lower case in groups of four.</summary>
    public static string FormatKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var lower = key.ToLowerInvariant();
        return string.Join(' ', Enumerable.Range(0, (lower.Length + 3) / 4).Select(i => lower.Substring(i * 4, Math.Min(4, lower.Length - (i * 4)))));
    }

    /// <summary>The key URI authenticator apps read from the QR code (Google's key URI format).</summary>
    public static string AuthenticatorUri(string userName, string key)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(key);
        return $"otpauth://totp/Entente:{Uri.EscapeDataString(userName)}?secret={key}&issuer=Entente&digits=6";
    }

    /// <summary>
    /// The text as a QR code in an SVG <c>data:</c> URI, for an <c>img</c> element: the page needs no script and the
    /// Content-Security-Policy (<c>img-src 'self' data:</c>) allows it.
    /// </summary>
    public static string QrCodeDataUri(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        using var svg = new SvgQRCode(data);
        var markup = svg.GetGraphic(4, "#000000", "#ffffff", drawQuietZones: true, sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
        return "data:image/svg+xml;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(markup));
    }
}
