namespace EmgSessions.Core.Exports;

/// <summary>
/// The leg a channel records: the side mapping of scoring.md §1 first (by default <c>CH1</c> left, <c>CH2</c> right;
/// a trial or patient may configure others), else what the channel name says (a trailing <c>L</c>/<c>R</c>,
/// <c>left</c>/<c>right</c>), else null.
/// </summary>
public static class ChannelSide
{
    /// <summary>The default left channel of scoring.md §1.</summary>
    public const string DefaultLeftChannel = "CH1";

    /// <summary>The default right channel of scoring.md §1.</summary>
    public const string DefaultRightChannel = "CH2";

    /// <summary><c>left</c>, <c>right</c> or null.</summary>
    public static string? Of(string channel, string leftChannel = DefaultLeftChannel, string rightChannel = DefaultRightChannel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        if (string.Equals(channel, leftChannel, StringComparison.Ordinal))
        {
            return "left";
        }

        if (string.Equals(channel, rightChannel, StringComparison.Ordinal))
        {
            return "right";
        }

        var name = channel.Trim();
        if (name.EndsWith("left", StringComparison.OrdinalIgnoreCase) || EndsWithSideLetter(name, 'L'))
        {
            return "left";
        }

        if (name.EndsWith("right", StringComparison.OrdinalIgnoreCase) || EndsWithSideLetter(name, 'R'))
        {
            return "right";
        }

        return null;
    }

    // "BicepsL", "Biceps_L", "Biceps L": an upper-case side letter after a lower-case letter or a separator.
    private static bool EndsWithSideLetter(string name, char letter) =>
        name.Length >= 2 && name[^1] == letter && (char.IsLower(name[^2]) || name[^2] is '_' or ' ' or '-');
}
