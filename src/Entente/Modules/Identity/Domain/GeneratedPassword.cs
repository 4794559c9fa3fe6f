using System.Security.Cryptography;

namespace Entente.Modules.Identity.Domain;

/// <summary>Passwords the platform makes up for people: for new accounts, resets and the demo users.</summary>
public static class GeneratedPassword
{
    /// <summary>Letters and digits without look-alikes (no 0/O, 1/l/I), so a password read aloud or copied by hand survives.</summary>
    private const string Alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>20 characters from a 55-letter alphabet: about 115 bits of entropy.</summary>
    public const int Length = 20;

    public static string Create()
    {
        var chars = new char[Length];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return new string(chars);
    }
}
