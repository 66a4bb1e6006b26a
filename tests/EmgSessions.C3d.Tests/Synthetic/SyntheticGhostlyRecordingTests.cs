using EmgSessions.C3d.Synthetic;

namespace EmgSessions.C3d.Tests.Synthetic;

public sealed class SyntheticGhostlyRecordingTests
{
    [Fact]
    public void The_same_seed_gives_the_same_bytes_and_another_seed_other_bytes()
    {
        var options = new SyntheticGhostlyOptions { Seed = 42, DurationSeconds = 20, ContractionsPerChannel = 4 };

        var a = SyntheticGhostlyRecording.Create(options);
        var b = SyntheticGhostlyRecording.Create(options);
        var c = SyntheticGhostlyRecording.Create(options with { Seed = 43 });

        Assert.Equal(a.Bytes, b.Bytes);
        Assert.Equal(a.Contractions, b.Contractions);
        Assert.NotEqual(a.Bytes, c.Bytes);
        Assert.NotEqual(a.Contractions, c.Contractions);
        // Pinned: a change of algorithm or platform that alters the output must be noticed.
        Assert.Equal("e35c612bde558c43", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(a.Bytes))[..16]);
    }

    [Fact]
    public void Therapy_parameters_are_written_to_a_therapy_group_and_read_back_with_their_types_and_values()
    {
        var therapy = new SyntheticTherapyParameters
        {
            Rpe = 6,
            BfrPressureAop = 52.5f,
            BfrPressureAopLeft = 50,
            BfrPressureAopRight = 55.25f,
            TargetContractionsCh1 = 12,
            TargetContractionsCh2 = 9,
        };
        var synthetic = SyntheticGhostlyRecording.Create(new SyntheticGhostlyOptions { Seed = 7, DurationSeconds = 20, ContractionsPerChannel = 4, Therapy = therapy });

        var parameters = C3dReader.Read(synthetic.Bytes).Info.Parameters;
        var rewritten = C3dReader.Read(C3dWriter.FromRecording(C3dReader.Read(synthetic.Bytes)).ToArray()).Info.Parameters;

        foreach (var read in new[] { parameters, rewritten })
        {
            Assert.NotNull(read.FindGroup("THERAPY"));
            Assert.Equal(C3dParameterType.Int16, read.Find("THERAPY:RPE")!.Type);
            Assert.Equal([6], read.Find("THERAPY:RPE")!.GetInt16s());
            Assert.Equal(C3dParameterType.Float, read.Find("THERAPY:BFR_PRESSURE_AOP")!.Type);
            Assert.Equal(52.5, read.Find("THERAPY:BFR_PRESSURE_AOP")!.GetNumber()!.Value, 1e-6);
            Assert.Equal(50, read.Find("THERAPY:BFR_PRESSURE_AOP_LEFT")!.GetNumber()!.Value, 1e-6);
            Assert.Equal(55.25, read.Find("THERAPY:BFR_PRESSURE_AOP_RIGHT")!.GetNumber()!.Value, 1e-6);
            Assert.Equal([12], read.Find("THERAPY:TARGET_CONTRACTIONS_CH1")!.GetInt16s());
            Assert.Equal([9], read.Find("THERAPY:TARGET_CONTRACTIONS_CH2")!.GetInt16s());
            Assert.Equal("Ghostly", read.Find("INFO:GAME_NAME")!.GetString());
        }
    }

    [Fact]
    public void Without_therapy_options_no_therapy_group_is_written_and_extra_parameters_are_written_as_given()
    {
        var plain = C3dReader.Read(SyntheticGhostlyRecording.Create(new SyntheticGhostlyOptions { Seed = 7, DurationSeconds = 20, ContractionsPerChannel = 4 }).Bytes);
        var extra = C3dReader.Read(SyntheticGhostlyRecording.Create(new SyntheticGhostlyOptions
        {
            Seed = 7,
            DurationSeconds = 20,
            ContractionsPerChannel = 4,
            ExtraParameters = [C3dParameter.FromString("THERAPY", "RPE", "six")],
        }).Bytes);

        Assert.Null(plain.Info.Parameters.FindGroup("THERAPY"));
        Assert.Equal(C3dParameterType.Char, extra.Info.Parameters.Find("THERAPY:RPE")!.Type);
        Assert.Equal("six", extra.Info.Parameters.Find("THERAPY:RPE")!.GetString());
    }

    [Fact]
    public void Reads_back_like_a_ghostly_recording()
    {
        var synthetic = SyntheticGhostlyRecording.Create(new SyntheticGhostlyOptions { Seed = 7, DurationSeconds = 30, ContractionsPerChannel = 5, GameScore = 29 });

        var recording = C3dReader.Read(synthetic.Bytes);

        var info = recording.Info;
        Assert.Empty(info.Warnings);
        Assert.Equal(C3dStorage.Float, info.Storage);
        Assert.Equal(33, info.PointRate);
        Assert.Equal(990, info.AnalogRate);
        Assert.Equal(30, info.AnalogSamplesPerFrame);
        Assert.Equal(990, info.FrameCount);
        Assert.Equal(["CH1 Raw", "CH2 Raw", "CH1 activated", "CH2 activated"], info.AnalogLabels);
        Assert.Equal(["PlayerPosition"], info.PointLabels);
        Assert.Equal("Ghostly", info.Parameters.Find("INFO:GAME_NAME")!.GetString());
        Assert.Equal(" ---", info.Parameters.Find("INFO:GAME_LEVEL_NAME")!.GetString());
        Assert.Equal(["2023", "3", "21", "17", "50"], info.Parameters.Find("INFO:TIME")!.GetStrings());
        Assert.Equal([4, 5], info.Parameters.Find("INFO:TIME")!.Dimensions);
        Assert.Equal(C3dParameterType.Float, info.Parameters.Find("SUBJECTS:GAME_SCORE")!.Type);
        Assert.Equal(29, info.Parameters.Find("SUBJECTS:GAME_SCORE")!.GetNumber());
        Assert.Equal("Default", info.Parameters.Find("SUBJECTS:PLAYER_NAME")!.GetString());
        Assert.Equal(1, info.Parameters.Find("INFO:GAME_LEVEL")!.GetNumber());
        Assert.Equal(29, info.Parameters.Find("INFO:DURATION")!.GetNumber());
        Assert.Equal("---", info.Parameters.Find("INFO:THERAPIST_ID")!.GetString());
        Assert.Equal("N/A", info.Parameters.Find("INFO:GROUP_ID")!.GetString());
        Assert.Equal(recording.Info.FrameCount, recording.Points[0].ValidFrameCount);
    }

    [Fact]
    public void Contractions_are_where_and_as_strong_as_it_says()
    {
        var options = new SyntheticGhostlyOptions { Seed = 3, DurationSeconds = 60, ContractionsPerChannel = 8, ContractionSeconds = 2, ContractionAmplitude = 5e-4 };
        var synthetic = SyntheticGhostlyRecording.Create(options);
        var recording = C3dReader.Read(synthetic.Bytes);

        Assert.Equal(16, synthetic.Contractions.Count);
        foreach (var name in new[] { "CH1", "CH2" })
        {
            var raw = recording.FindAnalog(name + " Raw")!;
            var activated = recording.FindAnalog(name + " activated")!;
            var placed = synthetic.Contractions.Where(c => c.Channel == name).ToArray();
            Assert.Equal(8, placed.Length);
            var inside = new bool[raw.Length];
            foreach (var contraction in placed)
            {
                Assert.Equal(1980, contraction.LengthSamples);
                Assert.InRange(contraction.Amplitude, 5e-4 * 0.75, 5e-4 * 1.25);
                for (var i = contraction.StartSample; i < contraction.EndSample; i++)
                {
                    inside[i] = true;
                }

                // The plateau (middle 80 %) has the stated RMS on top of the baseline, within 15 %.
                var plateau = raw.AsSpan((int)(contraction.StartSample + 200), (int)contraction.LengthSamples - 400);
                var rms = Math.Sqrt(plateau.ToArray().Average(v => v * v));
                Assert.InRange(rms, (contraction.Amplitude + options.BaselineAmplitude) * 0.85, (contraction.Amplitude + options.BaselineAmplitude) * 1.15);
                Assert.True(activated[(int)contraction.StartSample + 990] > 0);
            }

            var outside = raw.Where((_, i) => !inside[i]).ToArray();
            var baseline = Math.Sqrt(outside.Average(v => v * v));
            Assert.InRange(baseline, options.BaselineAmplitude * 0.8, options.BaselineAmplitude * 1.2);
            Assert.All(activated.Where((_, i) => !inside[i]), v => Assert.Equal(0, v));
            Assert.All(placed.Zip(placed.Skip(1)), pair => Assert.True(pair.First.EndSample < pair.Second.StartSample));
        }
    }

    [Fact]
    public void Can_exceed_65535_frames()
    {
        var synthetic = SyntheticGhostlyRecording.Create(new SyntheticGhostlyOptions { FrameCount = 66_000, ContractionsPerChannel = 3 });

        var info = C3dReader.Identify(synthetic.Bytes);

        Assert.Equal(66_000, info.FrameCount);
        Assert.Equal(66_000 * 30, info.AnalogSamplesPerChannel);
        Assert.Equal(65535, info.Parameters.Find("POINT:FRAMES")!.GetUnsignedNumber());
        Assert.Empty(info.Warnings);
    }

    [Fact]
    public void Too_many_contractions_for_the_duration_are_refused()
    {
        var options = new SyntheticGhostlyOptions { DurationSeconds = 5, ContractionsPerChannel = 10, ContractionSeconds = 2 };
        Assert.Throws<ArgumentException>(() => SyntheticGhostlyRecording.Create(options));
    }
}
