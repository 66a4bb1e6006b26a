namespace EmgSessions.Core.Exports;

/// <summary>The body side a channel name says (a trailing <c>L</c>/<c>R</c>, <c>_left</c>/<c>_right</c>), null when it says none (e.g. <c>CH1</c>).</summary>
public static class ChannelSide
{
    /// <summary><c>left</c>, <c>right</c> or null.</summary>
    public static string? Of(string channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
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
