using System.Globalization;
using EmgSessions.C3d;

namespace EmgSessions.Core.Recordings;

/// <summary>
/// Whether a read C3D file holds any analog sample at all, and if not, why, in a user's words ("the file ends at
/// byte 700 but its data should start at byte 1536: the upload is incomplete"). Shared by the worker and the CLI,
/// so a file that cannot be analysed fails the same way everywhere instead of giving zeros on made-up channels.
/// </summary>
public static class RecordingCheck
{
    /// <summary>Null when the file holds analog samples; otherwise the reason there is nothing to analyse.</summary>
    public static string? WhyNothingToAnalyse(C3dInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var inv = CultureInfo.InvariantCulture;
        if (info.DataStart >= info.FileLength)
        {
            return string.Create(inv, $"The recording holds no samples: the file ends at byte {info.FileLength} but its data should start at byte {info.DataStart}: the upload is incomplete.");
        }

        if (info.AnalogCount == 0)
        {
            return "The recording has no analog channels: there is nothing to analyse.";
        }

        if (info.AnalogSamplesPerChannel > 0)
        {
            return null;
        }

        return info.DeclaredFrameCount > 0
            ? string.Create(inv, $"The recording holds no samples: its data starts at byte {info.DataStart} and a frame takes {info.FrameSize} bytes, but the file ends at byte {info.FileLength}, before the end of the first of its {info.DeclaredFrameCount} frames: the upload is incomplete.")
            : "The recording holds no samples: the file declares no frames.";
    }
}
