using EmgSessions.Analysis;
using EmgSessions.C3d;

namespace EmgSessions.Core.Recordings;

/// <summary>
/// Turns a read C3D file into the analysis input (emg-analysis.md §4): the ANALOG:LABELS entries as stored, the
/// scaled analog channels, the analog rate the reader decided (<see cref="C3dInfo.AnalogRate"/>: the one source
/// of truth that <c>inspect</c>, the technical data and the analysis all show), the first element of each game
/// parameter typed as stored, the channels' units and the reader's warnings (with those of malformed THERAPY inputs, <see cref="Scores.RecordingInputs"/>). Nothing is copied: the analysis
/// reads the reader's arrays.
/// </summary>
public static class EmgRecordingFactory
{
    /// <summary>The parameters §4.4 reads.</summary>
    public static IReadOnlyList<string> GameParameterNames { get; } =
    [
        "INFO:GAME_NAME", "INFO:GAME_LEVEL", "INFO:DURATION", "INFO:THERAPIST_ID", "INFO:GROUP_ID", "INFO:TIME",
        "SUBJECTS:PLAYER_NAME", "SUBJECTS:GAME_SCORE",
    ];

    /// <summary>
    /// Reads a C3D file for the analysis alone: only the analog channels whose samples the analysis with
    /// <paramref name="options"/> reads are decoded (<see cref="EmgAnalyzer.ChannelsRead"/>: not the "activated"
    /// channels nor channels that are not EMG), the others are empty. <see cref="FromC3d"/> of it analyses to the same
    /// result as of a whole read, with half the memory for a GHOSTLY file.
    /// </summary>
    /// <exception cref="C3dFormatException">It is not a readable C3D file.</exception>
    public static C3dRecording ReadForAnalysis(ReadOnlySpan<byte> file, AnalysisOptions? options) =>
        C3dReader.Read(file, AnalysedChannels(options));

    /// <summary>The reader's channel choice for <see cref="ReadForAnalysis"/>, for callers that read the bytes themselves.</summary>
    public static Func<C3dInfo, IReadOnlyList<bool>> AnalysedChannels(AnalysisOptions? options) =>
        info => EmgAnalyzer.ChannelsRead(Labels(info.Parameters), [.. info.AnalogUnits], info.AnalogCount, options);

    public static EmgRecording FromC3d(C3dRecording recording)
    {
        ArgumentNullException.ThrowIfNull(recording);
        var parameters = recording.Info.Parameters;
        var labels = Labels(parameters);
        double? rate = recording.Info.AnalogRate is var r && double.IsFinite(r) && r > 0 ? r : null;

        var game = new Dictionary<string, RecordingParameter>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in GameParameterNames)
        {
            if (parameters.Find(name) is { } parameter && FirstElement(parameter) is { } value)
            {
                game[name] = value;
            }
        }

        RecordingWarning[] warnings =
        [
            .. recording.Info.Warnings.Select(w => new RecordingWarning(w.Code, w.Message)),
            .. Scores.RecordingInputs.Warnings(parameters),
        ];
        return new EmgRecording(labels, recording.Analog, rate, game, [.. recording.Info.AnalogUnits], warnings);
    }

    /// <summary>The ANALOG:LABELS entries as stored (none when the parameter is missing or not text).</summary>
    private static IReadOnlyList<string?> Labels(C3dParameters parameters) =>
        parameters.Find("ANALOG:LABELS") is { Type: C3dParameterType.Char } labelParameter ? labelParameter.GetStrings().ToArray() : [];

    private static RecordingParameter? FirstElement(C3dParameter parameter) => parameter.Type switch
    {
        C3dParameterType.Char => parameter.GetString() is { } text ? RecordingParameter.Text(text) : null,
        C3dParameterType.Float => parameter.GetNumber(0) is { } real ? RecordingParameter.Real(real) : null,
        _ => parameter.GetNumber(0) is { } integer ? RecordingParameter.Integer((long)integer) : null,
    };
}
