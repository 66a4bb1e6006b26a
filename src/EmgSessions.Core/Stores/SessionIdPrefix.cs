namespace EmgSessions.Core.Stores;

/// <summary>
/// The start of a session id as a user types it (<c>019388a7-5c</c>, dashes optional, any case): the range of ids
/// from <see cref="Lowest"/> to <see cref="Highest"/> that begin with it.
/// </summary>
public sealed record SessionIdPrefix(string Hex, Guid Lowest, Guid Highest)
{
    /// <summary>Shortest prefix accepted: shorter ones match too much to be useful.</summary>
    public const int MinLength = 4;

    /// <summary>Null (with <paramref name="problem"/>) unless <paramref name="text"/> is 4 to 32 hex digits, dashes allowed.</summary>
    public static SessionIdPrefix? TryParse(string? text, out string? problem)
    {
        problem = null;
        var hex = (text ?? string.Empty).Replace("-", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
        if (hex.Length is < MinLength or > 32 || !hex.All(char.IsAsciiHexDigitLower))
        {
            problem = $"'{text}' is not a session id or the start of one: give the whole UUID or at least {MinLength} of its hex digits.";
            return null;
        }

        return new SessionIdPrefix(
            hex,
            Guid.ParseExact(hex.PadRight(32, '0'), "N"),
            Guid.ParseExact(hex.PadRight(32, 'f'), "N"));
    }

    public override string ToString() => Hex;
}
