namespace EmgSessions.Analysis.Pipeline;

/// <summary>
/// §4.2 channel discovery: labels trimmed ("CH{i+1}" when missing), base = label without every " Raw" and then
/// every " activated", bases unique and sorted ordinally; the analysed signal of base B is the last channel in
/// file order labelled "B Raw" or "B" (none: F1).
/// </summary>
internal sealed record ChannelLayout(IReadOnlyList<string> Labels, IReadOnlyList<(string Name, int? SignalIndex)> Bases)
{
    public static ChannelLayout Discover(EmgRecording recording)
    {
        var count = recording.Channels.Count;
        var labels = new string[count];
        for (var i = 0; i < count; i++)
        {
            labels[i] = i < recording.Labels.Count && recording.Labels[i] is { } label
                ? label.Trim()
                : $"CH{i + 1}";
        }

        var names = labels.Select(BaseName).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var bases = new (string Name, int? SignalIndex)[names.Length];
        for (var b = 0; b < names.Length; b++)
        {
            int? signal = null;
            var raw = names[b] + " Raw";
            for (var i = 0; i < count; i++)
            {
                if (string.Equals(labels[i], raw, StringComparison.Ordinal) || string.Equals(labels[i], names[b], StringComparison.Ordinal))
                {
                    signal = i;
                }
            }

            bases[b] = (names[b], signal);
        }

        return new ChannelLayout(labels, bases);
    }

    public static string BaseName(string label) =>
        label.Replace(" Raw", string.Empty, StringComparison.Ordinal).Replace(" activated", string.Empty, StringComparison.Ordinal);

    /// <summary>available_channels (§4.3): the labels without duplicates, then "{B} Processed" for each processed base.</summary>
    public IReadOnlyList<string> AvailableChannels(IEnumerable<string> processedBases)
    {
        var list = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var label in Labels)
        {
            if (seen.Add(label))
            {
                list.Add(label);
            }
        }

        AddProcessed(list, seen, processedBases);
        return list;
    }

    /// <summary>The predecessor's list: each label L, then L + " Raw", duplicates keeping their first position, then the Processed names.</summary>
    public IReadOnlyList<string> CompatAvailableChannels(IEnumerable<string> processedBases)
    {
        var list = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var label in Labels)
        {
            if (seen.Add(label))
            {
                list.Add(label);
            }

            if (seen.Add(label + " Raw"))
            {
                list.Add(label + " Raw");
            }
        }

        AddProcessed(list, seen, processedBases);
        return list;
    }

    private static void AddProcessed(List<string> list, HashSet<string> seen, IEnumerable<string> processedBases)
    {
        foreach (var name in processedBases)
        {
            if (seen.Add(name + " Processed"))
            {
                list.Add(name + " Processed");
            }
        }
    }
}
