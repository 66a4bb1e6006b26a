using EmgSessions.Testing;

namespace EmgSessions.C3d.Tests;

/// <summary>
/// <c>C3dReader.Read(file, analogChannels)</c> decodes only the analog channels asked for (issue 16, memory): those are
/// the same samples as a whole read, the others are empty, and everything else about the file is unchanged.
/// </summary>
public sealed class SelectedChannelsTests
{
    [Theory]
    [InlineData("sample_01_Eb015pi.c3d")] // Intel, integer
    [InlineData("sample_01_Eb015pr.c3d")] // Intel, float
    [InlineData("sample_01_Eb015si.c3d")] // MIPS, integer
    [InlineData("sample_01_Eb015vr.c3d")] // DEC, float
    public void Only_the_selected_channels_are_decoded_and_they_equal_a_whole_read(string fileName)
    {
        var bytes = File.ReadAllBytes(TestFiles.SuiteFile(fileName));
        var whole = C3dReader.Read(bytes);
        Assert.True(whole.Analog.Count >= 3, $"{fileName} has {whole.Analog.Count} analog channels");

        var partial = C3dReader.Read(bytes, info => [.. Enumerable.Range(0, info.AnalogCount).Select(c => c % 2 == 1)]);

        Assert.Equal(whole.Analog.Count, partial.Analog.Count);
        for (var c = 0; c < whole.Analog.Count; c++)
        {
            if (c % 2 == 1)
            {
                Assert.NotEmpty(partial.Analog[c]);
                Assert.Equal(whole.Analog[c], partial.Analog[c]);
            }
            else
            {
                Assert.Empty(partial.Analog[c]);
            }
        }

        Assert.Equal(whole.Info.AnalogSamplesPerChannel, partial.Info.AnalogSamplesPerChannel);
        Assert.Equal(whole.Info.Warnings, partial.Info.Warnings);
        Assert.Equal(whole.Points.Count, partial.Points.Count);
        for (var p = 0; p < whole.Points.Count; p++)
        {
            Assert.Equal(whole.Points[p].X, partial.Points[p].X);
            Assert.Equal(whole.Points[p].Residual, partial.Points[p].Residual);
        }
    }

    [Fact]
    public void A_selection_shorter_than_the_channel_list_decodes_the_channels_it_does_not_mention()
    {
        var bytes = File.ReadAllBytes(TestFiles.Sample(TestFiles.Ghostly0881));
        var whole = C3dReader.Read(bytes);

        var partial = C3dReader.Read(bytes, _ => [false]);

        Assert.Equal(4, partial.Analog.Count);
        Assert.Empty(partial.Analog[0]);
        for (var c = 1; c < 4; c++)
        {
            Assert.Equal(173_370, partial.Analog[c].Length);
            Assert.Equal(whole.Analog[c], partial.Analog[c]);
        }
    }

    [Fact]
    public void The_selection_sees_the_files_labels_before_any_sample_is_decoded()
    {
        var bytes = File.ReadAllBytes(TestFiles.Sample(TestFiles.Ghostly0881));
        IReadOnlyList<string>? seen = null;

        var partial = C3dReader.Read(bytes, info =>
        {
            seen = info.AnalogLabels;
            return [.. info.AnalogLabels.Select(label => label.EndsWith(" Raw", StringComparison.Ordinal))];
        });

        Assert.Equal(["CH1 Raw", "CH2 Raw", "CH1 activated", "CH2 activated"], seen);
        Assert.Equal([173_370, 173_370, 0, 0], partial.Analog.Select(a => a.Length));
    }

    [Fact]
    public void A_file_that_is_not_C3D_fails_the_same_way_with_a_selection()
    {
        var bytes = new byte[100];

        var whole = Assert.Throws<C3dFormatException>(() => C3dReader.Read(bytes));
        var partial = Assert.Throws<C3dFormatException>(() => C3dReader.Read(bytes, _ => [true]));

        Assert.Equal(whole.Detail, partial.Detail);
    }
}
