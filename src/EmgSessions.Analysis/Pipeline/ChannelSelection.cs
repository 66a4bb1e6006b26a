using System.Text.RegularExpressions;

namespace EmgSessions.Analysis.Pipeline;

/// <summary>
/// Which analog channels are EMG. With an explicit channel list (option <c>channels</c>) exactly the channels it
/// names are analysed, by label or base name. Without one, a channel is left out when its unit is a known
/// non-electrical unit (N, N·mm, deg, m/s², …) or its label names a force, moment, angle or motion-sensor
/// component (FX1, MZ2, Force.Fx, Acc_1 :X, …); every other channel, including one without a unit, is analysed.
/// Each channel left out is reported with its reason.
/// </summary>
internal static partial class ChannelSelection
{
    /// <summary>Units (normalised: lower case, no spaces, dots, dashes or multiplication signs) that are not a voltage.</summary>
    private static readonly HashSet<string> NonEmgUnits = new(StringComparer.Ordinal)
    {
        "n", "nt", "kn", "lbf", "nm", "ntm", "nmm", "ntmm", "ncm", "knm", "nm/kg", "mm", "cm", "m", "in", "deg", "degree", "degrees", "°", "rad",
        "deg/s", "°/s", "rad/s", "g", "m/s", "mm/s", "m/s^2", "m/s2", "m/s²", "mm/s^2", "mm/s²", "pa", "kpa", "mmhg", "bar", "kg",
        "w", "w/kg", "ut", "μt", "µt", "gauss",
    };

    /// <summary>Label words that name something other than a muscle's electrical activity.</summary>
    private static readonly HashSet<string> NonEmgWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "force", "forces", "moment", "moments", "torque", "cop", "angle", "angles", "acc", "accel", "accelerometer",
        "acceleration", "gyro", "gyroscope", "mag", "magnetometer", "trigger", "sync",
    };

    /// <summary>The labels the analysis uses: trimmed, "CH{i+1}" where missing (§4.2).</summary>
    public static string[] Labels(EmgRecording recording)
    {
        var labels = new string[recording.Channels.Count];
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = i < recording.Labels.Count && recording.Labels[i] is { } label ? label.Trim() : $"CH{i + 1}";
        }

        return labels;
    }

    /// <summary>The indices of the channels to analyse, in file order, and the channels left out with their reasons.</summary>
    /// <exception cref="EmgAnalysisException">The explicit list names a channel the recording does not have.</exception>
    public static (int[] Kept, IReadOnlyList<SkippedChannel> Skipped) Select(EmgRecording recording, string[] labels, IReadOnlyList<string>? requested)
    {
        var kept = new List<int>();
        var skipped = new List<SkippedChannel>();
        if (requested is not null)
        {
            foreach (var name in requested)
            {
                if (!labels.Any(l => Matches(l, name)))
                {
                    throw new EmgAnalysisException(
                        $"The requested channel '{name}' is not in this recording; its channels are {string.Join(", ", labels.Select(l => $"'{l}'"))}.");
                }
            }
        }

        for (var i = 0; i < labels.Length; i++)
        {
            var unit = UnitOf(recording, i);
            var reason = requested is not null
                ? requested.Any(name => Matches(labels[i], name)) ? null : "not in the requested channel list"
                : NotEmgReason(labels[i], unit);
            if (reason is null)
            {
                kept.Add(i);
            }
            else
            {
                skipped.Add(new SkippedChannel(labels[i], unit, reason));
            }
        }

        return ([.. kept], skipped);
    }

    /// <summary>Why a channel with this label and unit is not EMG, or null when it may be.</summary>
    public static string? NotEmgReason(string label, string? unit)
    {
        if (unit is not null && NonEmgUnits.Contains(NormaliseUnit(unit)))
        {
            return $"its unit {unit} is not a voltage: not EMG";
        }

        if (ComponentLabel().IsMatch(label) || WordSplit().Split(label).Any(word => NonEmgWords.Contains(word) || ComponentLabel().IsMatch(word)))
        {
            return "its label names a force, moment, angle or motion-sensor signal: not EMG";
        }

        return null;
    }

    private static bool Matches(string label, string name) =>
        string.Equals(label, name.Trim(), StringComparison.Ordinal) || string.Equals(ChannelLayout.BaseName(label), name.Trim(), StringComparison.Ordinal);

    private static string? UnitOf(EmgRecording recording, int channel) =>
        channel < recording.Units.Count && recording.Units[channel] is { } unit && unit.Trim().Length > 0 ? unit.Trim() : null;

    private static string NormaliseUnit(string unit)
    {
        var chars = unit.ToLowerInvariant().Where(c => !char.IsWhiteSpace(c) && c is not ('.' or '·' or '*' or '×' or '-' or '⋅'));
        return string.Concat(chars);
    }

    /// <summary>Force-plate components: FX1, fy, MZ2, Fz12.</summary>
    [GeneratedRegex("^[FM][XYZ][0-9]*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ComponentLabel();

    [GeneratedRegex("[^A-Za-z]+|(?<=[a-z])(?=[A-Z])", RegexOptions.CultureInvariant)]
    private static partial Regex WordSplit();
}
