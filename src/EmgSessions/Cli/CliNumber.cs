using System.Globalization;

namespace EmgSessions.Cli;

/// <summary>Whole-number options, read with a message that names the option (Spectre's own conversion error does not).</summary>
internal static class CliNumber
{
    /// <summary>The integer in <paramref name="text"/>, or <paramref name="fallback"/> when the option was not given.</summary>
    /// <exception cref="CliUsageException">The value is not an integer from <paramref name="min"/> to <paramref name="max"/>.</exception>
    public static int Int(string option, string? text, int fallback, int min, int max)
    {
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new CliUsageException($"{option} must be an integer between {min} and {max}.");
    }
}
