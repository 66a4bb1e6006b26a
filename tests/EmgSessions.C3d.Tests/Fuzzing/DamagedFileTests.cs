using System.Buffers.Binary;
using EmgSessions.Testing;

namespace EmgSessions.C3d.Tests.Fuzzing;

/// <summary>Damaged copies of the shared files: the reader returns a partial result with warnings or throws C3dFormatException.</summary>
public sealed class DamagedFileTests
{
    public static TheoryData<string> AllFiles => C3dWriterTests.AllFiles;

    [Theory]
    [MemberData(nameof(AllFiles))]
    public void Truncation_at_every_block_boundary_gives_a_partial_read_or_a_format_exception(string path)
    {
        var original = File.ReadAllBytes(path);
        var full = C3dReader.Identify(original);
        var step = original.Length > 400_000 ? 512 * 7 : 512; // large samples: every 7th block keeps the test quick
        for (var length = 0; length < original.Length; length += step)
        {
            var truncated = original[..length];
            if (DamagedInput.Check(truncated, $"{Path.GetFileName(path)} cut at {length}") == DamagedInput.Outcome.Read)
            {
                var info = C3dReader.Identify(truncated);
                Assert.True(info.FrameCount <= full.FrameCount);
                if (info.FrameCount < full.FrameCount)
                {
                    Assert.Contains(info.Warnings, w => w.Code is "FrameCountClamped" or "DataMissing");
                }
            }
        }
    }

    [Fact]
    public void Truncation_at_every_byte_of_the_header_and_parameters_never_escapes_the_contract()
    {
        var original = File.ReadAllBytes(TestFiles.SuiteFile("sample_13_golfswing1.c3d"));
        for (var length = 0; length <= 11 * 512; length++)
        {
            DamagedInput.Check(original[..length], $"golfswing1 cut at {length}");
        }

        var ghostly = File.ReadAllBytes(TestFiles.Sample(TestFiles.Ghostly0823));
        for (var length = 0; length <= 4 * 512; length++)
        {
            DamagedInput.Check(ghostly[..length], $"0823 cut at {length}");
        }
    }

    [Fact]
    public void A_file_cut_inside_the_data_reads_the_complete_frames_with_a_warning()
    {
        var original = File.ReadAllBytes(TestFiles.Sample(TestFiles.Ghostly0409));
        var cut = original[..(1536 + (496 * 100) + 200)];

        var recording = C3dReader.Read(cut);

        Assert.Equal(100, recording.Info.FrameCount);
        Assert.Equal(3000, recording.Analog[0].Length);
        var full = C3dReader.Read(original);
        Assert.Equal(full.Analog[0][..3000], recording.Analog[0]);
        var warning = Assert.Single(recording.Info.Warnings);
        Assert.Equal("FrameCountClamped", warning.Code);
        Assert.Equal(1536, warning.Offset);
    }

    [Fact]
    public void Random_byte_flips_with_a_fixed_seed_never_escape_the_contract()
    {
        var mutator = new C3dMutator(20240321);
        foreach (var path in C3dWriterTests.AllPaths)
        {
            var original = File.ReadAllBytes(path);
            for (var i = 0; i < 60; i++)
            {
                var (bytes, description) = mutator.FlipBytes(original, (int)mutator.Below(6) + 1, nearStart: i % 3 != 0);
                DamagedInput.Check(bytes, $"{Path.GetFileName(path)}: {description}");
            }
        }
    }

    [Theory]
    [InlineData(2, (ushort)0xFFFF)] // points per frame
    [InlineData(4, (ushort)0xFFFF)] // analog values per frame
    [InlineData(8, (ushort)0xFFFF)] // last frame
    [InlineData(16, (ushort)0xFFFF)] // data start block
    [InlineData(16, (ushort)0)]
    [InlineData(18, (ushort)0xFFFF)] // samples per frame
    [InlineData(18, (ushort)0)]
    [InlineData(300, (ushort)0x7FFF)] // header event count
    public void Absurd_header_words_are_survived(int offset, ushort value)
    {
        var bytes = File.ReadAllBytes(TestFiles.Sample(TestFiles.Ghostly0409));
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(offset), value);

        DamagedInput.Check(bytes, $"header {offset} = {value}");
    }

    [Theory]
    [InlineData("POINT:USED", (short)-1)]
    [InlineData("ANALOG:USED", (short)-1)]
    [InlineData("ANALOG:USED", (short)0)]
    [InlineData("POINT:FRAMES", (short)-1)]
    [InlineData("POINT:DATA_START", (short)-1)]
    [InlineData("POINT:DATA_START", (short)0)]
    public void Absurd_count_parameters_give_a_bounded_read(string name, short value)
    {
        var bytes = WithParameterValue(File.ReadAllBytes(TestFiles.Sample(TestFiles.Ghostly0409)), name, value);

        Assert.Equal(DamagedInput.Outcome.Read, DamagedInput.Check(bytes, $"{name} = {value}"));
        Assert.NotEmpty(C3dReader.Identify(bytes).Warnings);
    }

    [Fact]
    public void A_huge_long_frame_count_is_clamped_to_the_data_present()
    {
        var synthetic = new C3dWriter(10).AddAnalog("A", new double[70_000]).ToArray();
        var at = synthetic.AsSpan().IndexOf("LONG_FRAMES"u8) + "LONG_FRAMES".Length + 2 + 2;
        BinaryPrimitives.WriteSingleLittleEndian(synthetic.AsSpan(at), 3e9f);

        var info = C3dReader.Identify(synthetic);

        Assert.Equal(70_000, info.FrameCount);
        Assert.Contains(info.Warnings, w => w.Code == "LongFrameCountsDisagree");
    }

    [Fact]
    public void A_next_pointer_into_garbage_is_repaired_from_the_record_contents()
    {
        var bytes = File.ReadAllBytes(TestFiles.Sample(TestFiles.Ghostly0409));
        // The first record is group POINT: 5, -1, "POINT", next (2 bytes) at offset 512 + 4 + 7.
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(512 + 4 + 7), 0x7777);

        var info = C3dReader.Identify(bytes);

        Assert.Contains(info.Warnings, w => w.Code == "ParameterChainRepaired" && w.Offset == 512 + 4 + 7);
        Assert.Equal(4, info.AnalogCount);
        Assert.NotNull(info.Parameters.Find("INFO:TIME"));
    }

    [Fact]
    public void A_broken_chain_keeps_the_parameters_before_it()
    {
        var bytes = File.ReadAllBytes(TestFiles.Sample(TestFiles.Ghostly0409));
        var at = bytes.AsSpan(512).IndexOf("SUBJECTS"u8) + 512 - 2;
        bytes[at] = 0x05;
        bytes[at + 2] = 0x01; // a control character in the name

        var info = C3dReader.Identify(bytes);

        Assert.Contains(info.Warnings, w => w.Code == "ParameterChainBroken" && w.Offset < at && w.Message.Contains($"byte {at}", StringComparison.Ordinal));
        Assert.Null(info.Parameters.FindGroup("SUBJECTS"));
        Assert.Null(info.Parameters.Find("INFO:TIME"));
        Assert.Equal(4, info.AnalogCount);
        Assert.Equal(C3dReader.Identify(File.ReadAllBytes(TestFiles.Sample(TestFiles.Ghostly0409))).FrameCount, info.FrameCount);
    }

    [Theory]
    [InlineData(0, (byte)0, "parameter section in block 0")]
    [InlineData(0, (byte)255, "beyond the end of the file")]
    [InlineData(515, (byte)83, "unsupported processor type 83")]
    public void Undeterminable_layouts_throw_a_format_exception_naming_the_offset(int offset, byte value, string problem)
    {
        var bytes = File.ReadAllBytes(TestFiles.Sample(TestFiles.Ghostly0409))[..4096];
        bytes[offset] = value;

        var ex = Assert.Throws<C3dFormatException>(() => C3dReader.Read(bytes));

        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
        Assert.Equal(offset, ex.Offset);
    }

    [Fact]
    public void Short_or_empty_input_is_rejected()
    {
        Assert.Equal(0, Assert.Throws<C3dFormatException>(() => C3dReader.Read([])).Offset);
        Assert.Throws<C3dFormatException>(() => C3dReader.Identify(new byte[511]));
        Assert.Throws<C3dFormatException>(() => C3dReader.Identify(new MemoryStream(new byte[100])));
    }

    /// <summary>Sets the first INT16 value of GROUP:NAME, found by walking the records of block 2.</summary>
    internal static byte[] WithParameterValue(byte[] bytes, string fullName, short value)
    {
        var info = C3dReader.Identify(bytes);
        var parameter = info.Parameters.Find(fullName)!;
        var name = System.Text.Encoding.ASCII.GetBytes(parameter.Name);
        var group = info.Parameters.FindGroup(parameter.Group)!;
        for (var at = 516; at < bytes.Length - name.Length; at++)
        {
            if (bytes[at + 1] == group.Id && Math.Abs((sbyte)bytes[at]) == name.Length && bytes.AsSpan(at + 2, name.Length).SequenceEqual(name))
            {
                var dataAt = at + 2 + name.Length + 2 + 2 + bytes[at + 2 + name.Length + 3];
                BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(dataAt), value);
                return bytes;
            }
        }

        throw new InvalidOperationException(fullName + " not found");
    }
}
