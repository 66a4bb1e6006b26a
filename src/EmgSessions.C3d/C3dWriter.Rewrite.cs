namespace EmgSessions.C3d;

public sealed partial class C3dWriter
{
    /// <summary>
    /// A writer that reproduces <paramref name="recording"/> as an Intel file: same storage format, point scale, first
    /// frame number, header events, groups (with descriptions and locks) and parameters. Values read back identical;
    /// the layout parameters (DATA_START, FRAMES, SCALE sign…) are rewritten. Parameters of unnamed groups are dropped.
    /// </summary>
    public static C3dWriter FromRecording(C3dRecording recording)
    {
        ArgumentNullException.ThrowIfNull(recording);
        var info = recording.Info;
        var writer = new C3dWriter(info.PointRate > 0 ? info.PointRate : 1, Math.Max(1, info.AnalogSamplesPerFrame))
        {
            Storage = info.Storage,
            FirstFrameNumber = info.HeaderFirstFrameNumber,
            MaxInterpolationGap = info.MaxInterpolationGap,
            PointScale = Math.Abs(info.PointScale),
            AnalogGeneralScale = info.AnalogGeneralScale,
            WriteStandardParameters = false,
        };
        writer.SetFrameCount(info.FrameCount);
        foreach (var group in info.Parameters.Groups.Where(g => g.Name.Length > 0))
        {
            writer.SetGroup(group.Name, group.Description, group.Locked);
            foreach (var parameter in group.Parameters)
            {
                writer.SetParameter(parameter);
            }
        }

        foreach (var point in recording.Points)
        {
            writer.AddPoint(point.Label, point.X, point.Y, point.Z, point.Residual, point.CameraMask);
        }

        for (var c = 0; c < recording.Analog.Count; c++)
        {
            var units = c < info.AnalogUnits.Count ? info.AnalogUnits[c] : "";
            writer.AddAnalog(info.AnalogLabels[c], recording.Analog[c], units, info.AnalogScales[c], info.AnalogOffsets[c]);
        }

        var headerEvents = info.Events.Where(e => e.Source == C3dEventSource.Header).ToArray();
        for (var i = 0; i < headerEvents.Length; i++)
        {
            writer.AddEvent(headerEvents[i].Label, headerEvents[i].TimeSeconds, i >= info.HeaderEventFlags.Count || info.HeaderEventFlags[i] != 0);
        }

        return writer;
    }
}
