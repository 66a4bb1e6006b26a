using System.Globalization;

namespace EmgSessions.C3d;

public static partial class C3dReader
{
    /// <summary>
    /// GROUP:NAME, then NAME2, NAME3… concatenated until <paramref name="count"/> entries (guide §8); extra entries
    /// are dropped, missing ones synthesised as <paramref name="synthesisedPrefix"/>N (or empty when null).
    /// </summary>
    private static string[] ReadStrings(C3dParameters parameters, string group, string name, int count, string? synthesisedPrefix, List<C3dWarning>? warnings)
    {
        var result = new string[count];
        var filled = 0;
        for (var part = 1; filled < count; part++)
        {
            var parameter = parameters.Find(group + ":" + name + (part == 1 ? "" : part.ToString(CultureInfo.InvariantCulture)));
            if (parameter is null)
            {
                break;
            }

            foreach (var value in parameter.GetStrings())
            {
                if (filled == count)
                {
                    break;
                }

                result[filled++] = value;
            }
        }

        if (filled < count && synthesisedPrefix is not null)
        {
            warnings?.Add(new C3dWarning("LabelsMissing", -1,
                $"{group}:{name} holds {filled} of {count} entries; the missing ones are named {synthesisedPrefix}{filled + 1}…"));
        }

        for (var i = filled; i < count; i++)
        {
            result[i] = synthesisedPrefix is null ? "" : synthesisedPrefix + (i + 1).ToString(CultureInfo.InvariantCulture);
        }

        return result;
    }

    /// <summary>Per-channel numbers from NAME, NAME2…; null entries where the arrays run short.</summary>
    private static double?[] ReadNumbers(C3dParameters parameters, string group, string name, int count, bool int16Unsigned)
    {
        var result = new double?[count];
        var filled = 0;
        for (var part = 1; filled < count; part++)
        {
            var parameter = parameters.Find(group + ":" + name + (part == 1 ? "" : part.ToString(CultureInfo.InvariantCulture)));
            if (parameter is null || parameter.Type == C3dParameterType.Char)
            {
                break;
            }

            var n = parameter.ElementCount;
            for (var i = 0; i < n && filled < count; i++)
            {
                result[filled++] = int16Unsigned && parameter.Type == C3dParameterType.Int16
                    ? parameter.GetUnsignedNumber(i)
                    : parameter.GetNumber(i);
            }

            if (n == 0)
            {
                break;
            }
        }

        return result;
    }

    private static (double[] Offsets, double[] Scales, double GeneralScale) ReadAnalogScaling(
        C3dParameters parameters, int channels, bool formatPresent, bool unsigned, List<C3dWarning> warnings)
    {
        var offsets = new double[channels];
        var scales = new double[channels];
        var storedOffsets = ReadNumbers(parameters, "ANALOG", "OFFSET", channels, unsigned);
        var storedScales = ReadNumbers(parameters, "ANALOG", "SCALE", channels, false);
        var missingScales = 0;
        var missingOffsets = 0;
        var wrapped = new List<int>();
        for (var c = 0; c < channels; c++)
        {
            if (storedScales[c] is { } s && double.IsFinite(s))
            {
                scales[c] = s;
            }
            else
            {
                scales[c] = 1;
                missingScales++;
            }

            if (storedOffsets[c] is { } o && double.IsFinite(o))
            {
                // sample_07: unsigned ADC counts with OFFSET 32768 written into a signed slot and no FORMAT (guide §7).
                if (!formatPresent && o <= -16384)
                {
                    o += 65536;
                    wrapped.Add(c + 1);
                }

                offsets[c] = o;
            }
            else
            {
                missingOffsets++;
            }
        }

        if (missingScales > 0)
        {
            warnings.Add(new C3dWarning("AnalogScaleMissing", -1, $"ANALOG:SCALE lacks {missingScales} of {channels} entries; 1 is used for them."));
        }

        if (missingOffsets > 0)
        {
            warnings.Add(new C3dWarning("AnalogOffsetMissing", -1, $"ANALOG:OFFSET lacks {missingOffsets} of {channels} entries; 0 is used for them."));
        }

        if (wrapped.Count > 0)
        {
            warnings.Add(new C3dWarning("AnalogOffsetUnsigned", -1,
                $"ANALOG:FORMAT is absent and channels {string.Join(',', wrapped)} have offsets ≤ −16384; they are read as unsigned (+65536)."));
        }

        var general = parameters.Find("ANALOG:GEN_SCALE")?.GetNumber();
        var generalScale = general is { } g && double.IsFinite(g) ? g : 1;
        return (offsets, scales, generalScale);
    }

    /// <summary>Events of the EVENT group: USED, TIMES [2,n] (minutes, seconds), LABELS, CONTEXTS.</summary>
    private static List<C3dEvent> ReadEventGroup(C3dParameters parameters, List<C3dWarning> warnings)
    {
        var events = new List<C3dEvent>();
        var used = CountParameter(parameters, "EVENT:USED") ?? 0;
        var times = parameters.Find("EVENT:TIMES");
        if (used == 0 || times is null)
        {
            return events;
        }

        var values = times.GetNumbers();
        var available = values.Length / 2;
        if (available < used)
        {
            warnings.Add(new C3dWarning("EventTimesShort", -1, $"EVENT:USED is {used} but EVENT:TIMES holds {available} times; {available} events are read."));
        }

        var n = Math.Min(used, available);
        var labels = parameters.Find("EVENT:LABELS")?.GetStrings() ?? [];
        var contexts = parameters.Find("EVENT:CONTEXTS")?.GetStrings() ?? [];
        for (var i = 0; i < n; i++)
        {
            var label = i < labels.Count ? labels[i].Trim() : "Event" + (i + 1).ToString(CultureInfo.InvariantCulture);
            var context = i < contexts.Count ? contexts[i].Trim() : null;
            events.Add(new C3dEvent(label, (60 * values[2 * i]) + values[(2 * i) + 1], context, C3dEventSource.EventGroup));
        }

        return events;
    }
}
