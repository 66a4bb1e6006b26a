using EmgSessions.C3d;
using EmgSessions.C3d.Synthetic;
using EmgSessions.Core.Recordings;
using EmgSessions.Core.Scores;
using EmgSessions.Testing;

namespace EmgSessions.Core.Tests.Scores;

public sealed class RecordingInputsTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(Stems))]
    public void The_shared_recordings_carry_no_therapy_inputs_and_give_no_warning(string stem)
    {
        var recording = C3dReader.Read(File.ReadAllBytes(TestFiles.Sample(stem)));

        var (inputs, warnings) = RecordingInputs.Read(recording.Info.Parameters, At);

        Assert.Null(inputs);
        Assert.Empty(warnings);
        Assert.DoesNotContain(EmgRecordingFactory.FromC3d(recording).Warnings, w => w.Code == RecordingInputs.InvalidCode);
    }

    public static TheoryData<string> Stems() => [.. TestFiles.GhostlyStems];

    [Fact]
    public void A_synthetic_therapy_group_is_read_as_recording_inputs()
    {
        var parameters = Read(new SyntheticTherapyParameters { Rpe = 0, BfrPressureAop = 100, TargetContractionsCh1 = 1, TargetContractionsCh2 = 15 });

        var (inputs, warnings) = RecordingInputs.Read(parameters, At);

        Assert.Empty(warnings);
        Assert.NotNull(inputs);
        Assert.Equal(InputSources.Recording, inputs.Source);
        Assert.Equal(At, inputs.EnteredAt);
        Assert.Equal(0, inputs.Rpe);
        Assert.Equal(100, inputs.BfrPressureAop!.Value, 1e-9);
        Assert.Null(inputs.BfrPressureAopLeft);
        Assert.Equal(1, inputs.TargetContractionsLeft);
        Assert.Equal(15, inputs.TargetContractionsRight);
    }

    [Fact]
    public void Info_group_values_are_read_when_there_is_no_therapy_group()
    {
        var parameters = Read(null, [C3dParameter.FromInt16s("INFO", "RPE", [7], []), C3dParameter.FromFloats("INFO", "BFR_PRESSURE_AOP_RIGHT", [47.5f], [])]);

        var (inputs, warnings) = RecordingInputs.Read(parameters, At);

        Assert.Empty(warnings);
        Assert.Equal(7, inputs!.Rpe);
        Assert.Equal(47.5, inputs.BfrPressureAopRight!.Value, 1e-9);
    }

    [Fact]
    public void Wrong_types_and_out_of_range_values_are_left_out_with_a_warning_each()
    {
        var parameters = Read(
            new SyntheticTherapyParameters { Rpe = 11, BfrPressureAopLeft = -1, TargetContractionsCh2 = -3 },
            [C3dParameter.FromString("THERAPY", "TARGET_CONTRACTIONS_CH1", "12"), C3dParameter.FromFloats("THERAPY", "BFR_PRESSURE_AOP", [], [0])]);

        var (inputs, warnings) = RecordingInputs.Read(parameters, At);

        Assert.Null(inputs);
        Assert.All(warnings, w => Assert.Equal(RecordingInputs.InvalidCode, w.Code));
        Assert.Equal(
            [
                "THERAPY:RPE is 11; it must be an integer from 0 to 10 (Borg CR10). It was ignored: enter the value as a session input if it is known.",
                "THERAPY:BFR_PRESSURE_AOP is empty; it must be a number from 0 to 100 (% of the arterial occlusion pressure). It was ignored: enter the value as a session input if it is known.",
                "THERAPY:BFR_PRESSURE_AOP_LEFT is -1; it must be a number from 0 to 100 (% of the arterial occlusion pressure). It was ignored: enter the value as a session input if it is known.",
                "THERAPY:TARGET_CONTRACTIONS_CH1 is text \"12\"; it must be an integer from 1 to 10000. It was ignored: enter the value as a session input if it is known.",
                "THERAPY:TARGET_CONTRACTIONS_CH2 is -3; it must be an integer from 1 to 10000. It was ignored: enter the value as a session input if it is known.",
            ],
            warnings.Select(w => w.Message));
    }

    [Fact]
    public void A_fractional_rpe_is_a_warning_not_a_rounded_value()
    {
        var (inputs, warnings) = RecordingInputs.Read(Read(null, [C3dParameter.FromFloats("THERAPY", "RPE", [5.5f], [])]), At);

        Assert.Null(inputs);
        Assert.StartsWith("THERAPY:RPE is 5.5;", Assert.Single(warnings).Message, StringComparison.Ordinal);
    }

    private static C3dParameters Read(SyntheticTherapyParameters? therapy, IReadOnlyList<C3dParameter>? extra = null) =>
        C3dReader.Read(SyntheticGhostlyRecording.Create(new SyntheticGhostlyOptions
        {
            Seed = 3,
            DurationSeconds = 5,
            ContractionsPerChannel = 1,
            Therapy = therapy,
            ExtraParameters = extra ?? [],
        }).Bytes).Info.Parameters;
}
