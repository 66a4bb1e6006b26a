using System.Buffers.Binary;

namespace EmgSessions.C3d.Tests;

/// <summary>
/// Files that other writers produce and the reader once got wrong without a word, rebuilt with our own writer and
/// then patched byte by byte where no writer of ours would produce them.
/// </summary>
public sealed class ReaderRegressionTests
{
    private const int Frames = 20;

    [Fact]
    public void A_float_fourth_word_far_above_65535_keeps_every_point_valid_with_an_unknown_residual_and_warns_once()
    {
        // Given a float file whose 4th words hold bytes 00 7f 00 7f (about 1.7e38), as some writers store.
        var file = PointFile();
        var layout = C3dReader.Identify(file);
        for (var f = 0; f < Frames; f++)
        {
            new byte[] { 0x00, 0x7f, 0x00, 0x7f }.CopyTo(file, (int)(layout.DataStart + (f * layout.FrameSize) + 12));
        }

        var recording = C3dReader.Read(file);

        var point = recording.Points[0];
        Assert.Equal(Frames, point.ValidFrameCount);
        for (var f = 0; f < Frames; f++)
        {
            Assert.True(point.IsValid(f));
            Assert.True(double.IsNaN(point.Residual[f]));
            Assert.Equal(f + 1.0, point.X[f], 1e-4);
            Assert.Equal(2.0 * f, point.Y[f], 1e-4);
            Assert.Equal(-3.5, point.Z[f], 1e-4);
        }

        var warning = Assert.Single(recording.Info.Warnings, w => w.Code == "ResidualUnknown");
        Assert.Contains($"{Frames} point values", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_fourth_word_still_marks_the_point_invalid()
    {
        var file = PointFile();
        var layout = C3dReader.Identify(file);
        BinaryPrimitives.WriteSingleLittleEndian(file.AsSpan((int)(layout.DataStart + (3 * layout.FrameSize) + 12)), -1e30f);

        var point = C3dReader.Read(file).Points[0];

        Assert.False(point.IsValid(3));
        Assert.True(double.IsNaN(point.X[3]));
        Assert.Equal(Frames - 1, point.ValidFrameCount);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void A_coordinate_that_is_not_finite_makes_the_point_invalid_even_with_a_valid_fourth_word(int axis)
    {
        var file = PointFile();
        var layout = C3dReader.Identify(file);
        var at = (int)(layout.DataStart + (5 * layout.FrameSize) + (axis * 4));
        BinaryPrimitives.WriteSingleLittleEndian(file.AsSpan(at), axis == 1 ? float.PositiveInfinity : float.NaN);

        var point = C3dReader.Read(file).Points[0];

        Assert.False(point.IsValid(5));
        Assert.Equal(-1, point.Residual[5]);
        Assert.True(double.IsNaN(point.X[5]) && double.IsNaN(point.Y[5]) && double.IsNaN(point.Z[5]));
        Assert.Equal(Frames - 1, point.ValidFrameCount);
    }

    [Fact]
    public void A_trailing_all_zero_block_after_the_last_frame_raises_no_extra_frames_warning()
    {
        // Given a file followed by two blocks of zeros (some writers pad this way).
        var file = (byte[])[.. PointFile(), .. new byte[1024]];

        var info = C3dReader.Read(file).Info;

        Assert.Equal(Frames, info.FrameCount);
        Assert.DoesNotContain(info.Warnings, w => w.Code == "ExtraFramesIgnored");
    }

    [Fact]
    public void Frames_that_follow_the_declared_ones_are_still_reported()
    {
        // The same trailing space holding data, not zeros: those are frames the file does not declare.
        var original = PointFile();
        var tail = new byte[1024];
        Array.Fill(tail, (byte)0x3f);
        var file = (byte[])[.. original, .. tail];

        var info = C3dReader.Read(file).Info;

        Assert.Contains(info.Warnings, w => w.Code == "ExtraFramesIgnored");
    }

    [Fact]
    public void A_header_scale_that_disagrees_with_point_scale_is_reported_naming_both()
    {
        // Given POINT:SCALE −0.25 (written by the writer) and a header scale patched to −0.5.
        var file = PointFile();
        BinaryPrimitives.WriteSingleLittleEndian(file.AsSpan(12), -0.5f);

        var info = C3dReader.Read(file).Info;

        var warning = Assert.Single(info.Warnings, w => w.Code == "ScaleDisagrees");
        Assert.Contains("-0.5", warning.Message, StringComparison.Ordinal);
        Assert.Contains("-0.25", warning.Message, StringComparison.Ordinal);
        Assert.Equal(-0.25, info.PointScale);
    }

    [Fact]
    public void A_well_formed_file_gives_none_of_these_warnings()
    {
        var info = C3dReader.Read(PointFile()).Info;

        Assert.Empty(info.Warnings);
    }

    /// <summary>One point (x = f + 1, y = 2f, z = −3.5, residual 0.5) and one analog channel, float storage, POINT:SCALE −0.25.</summary>
    private static byte[] PointFile()
    {
        var x = Enumerable.Range(0, Frames).Select(f => f + 1.0).ToArray();
        var y = Enumerable.Range(0, Frames).Select(f => 2.0 * f).ToArray();
        var z = Enumerable.Repeat(-3.5, Frames).ToArray();
        var residuals = Enumerable.Repeat(0.5, Frames).ToArray();
        var analog = Enumerable.Range(0, Frames * 2).Select(i => Math.Sin(i / 3.0)).ToArray();
        return new C3dWriter(100, 2) { PointScale = 0.25 }
            .AddPoint("Marker", x, y, z, residuals)
            .AddAnalog("EMG1", analog)
            .ToArray();
    }
}
