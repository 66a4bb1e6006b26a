using System.Security.Cryptography;

namespace EmgSessions.Core.Access;

/// <summary>
/// Passwords printed once by <c>emgs users add</c> and admin resets: 20 characters in four groups of five from an
/// alphabet of 31 lower-case letters and digits that leaves out look-alikes (0/o, 1/l/i): about 99 bits of
/// randomness, easy to read out and type.
/// </summary>
internal static class OneTimePassword
{
    public const string Alphabet = "abcdefghjkmnpqrstuvwxyz23456789";

    public static string Generate()
    {
        var characters = RandomNumberGenerator.GetString(Alphabet, 20);
        return string.Join('-', characters.Chunk(5).Select(group => new string(group)));
    }
}
