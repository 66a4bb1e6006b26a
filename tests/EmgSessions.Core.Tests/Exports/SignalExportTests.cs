using System.Globalization;
using CsvHelper;
using EmgSessions.Analysis;
using EmgSessions.C3d;
using EmgSessions.Core.Exports.Csv;
using EmgSessions.Core.Exports.Parquet;
using EmgSessions.Core.Exports.Signals;
using EmgSessions.Testing;
using Parquet;

namespace EmgSessions.Core.Tests.Exports;

/// <summary>Signals from the C3D bytes: raw and envelope, full resolution and min/max decimated, CSV and Parquet read back exactly.</summary>
public sealed class SignalExportTests
{
    private static readonly EmgRecording Recording = SignalRows.Read(File.ReadAllBytes(TestFiles.Sample(TestFiles.Ghostly0881)));

    [Fact]
    public async Task Raw_signal_csv_reads_back_every_sample_of_every_channel_exactly()
    {
        using var output = new MemoryStream();
        var written = await ExportCsvWriter.WriteAsync(SignalTables.Samples, SignalRows.Samples(Recording, SignalKind.Raw), output);
        Assert.Equal(Recording.Channels.Sum(c => (long)c.Length), written);

        output.Position = 0;
        using var reader = new CsvReader(new StreamReader(output), CultureInfo.InvariantCulture);
        await reader.ReadAsync();
        reader.ReadHeader();
        Assert.Equal(["channel", "sample_index", "time_ms", "value"], reader.HeaderRecord!);
        var rate = Recording.SamplingRate!.Value;
        foreach (var (channel, c) in Recording.Channels.Select((s, c) => (s, c)))
        {
            for (var i = 0; i < channel.Length; i++)
            {
                Assert.True(await reader.ReadAsync());
                Assert.Equal(Recording.Labels[c]!.Trim(), reader.GetField("channel"));
                Assert.Equal(i, reader.GetField<long>("sample_index"));
                Assert.Equal(i * 1000.0 / rate, reader.GetField<double>("time_ms"));
                Assert.Equal(channel[i], reader.GetField<double>("value"));
            }
        }

        Assert.False(await reader.ReadAsync());
    }

    [Fact]
    public async Task Envelope_parquet_holds_the_envelope_the_analysis_computes()
    {
        using var output = new MemoryStream();
        await ExportParquetWriter.WriteAsync(SignalTables.Samples, SignalRows.Samples(Recording, SignalKind.Envelope), output, rowGroupSize: 50_000);
        var expected = Recording.Channels.SelectMany(c => EmgDisplaySignals.Envelope(c, Recording.SamplingRate!.Value)!).ToArray();

        output.Position = 0;
        await using var reader = await ParquetReader.CreateAsync(output);
        var field = reader.Schema.GetDataFields().Single(f => f.Name == "value");
        var offset = 0;
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var values = new double?[group.RowCount];
            await group.ReadAsync<double>(field, values);
            for (var i = 0; i < values.Length; i++)
            {
                Assert.Equal(expected[offset + i], values[i]);
            }

            offset += values.Length;
        }

        Assert.Equal(expected.Length, offset);
        Assert.True(reader.RowGroupCount > 1);
    }

    [Fact]
    public void Decimated_signal_keeps_every_channels_extremes_in_at_most_the_buckets_asked_for()
    {
        var buckets = SignalRows.Buckets(Recording, SignalKind.Raw, 500).ToList();
        foreach (var (channel, c) in Recording.Channels.Select((s, c) => (s, c)))
        {
            var mine = buckets.Where(b => b.Channel == Recording.Labels[c]!.Trim()).ToList();
            Assert.InRange(mine.Count, 1, 500);
            Assert.Equal(channel.Max(), mine.Max(b => b.Max));
            Assert.Equal(channel.Min(), mine.Min(b => b.Min));
            Assert.Equal(0, mine[0].FirstSample);
            Assert.Equal(channel.Length - 1, mine[^1].LastSample);
            Assert.All(mine.Zip(mine.Skip(1)), pair => Assert.Equal(pair.First.LastSample + 1, pair.Second.FirstSample));
        }
    }

    [Fact]
    public async Task Decimated_signal_csv_reads_back_with_its_documented_columns()
    {
        var buckets = SignalRows.Buckets(Recording, SignalKind.Envelope, 100).ToList();
        using var output = new MemoryStream();
        await ExportCsvWriter.WriteAsync(SignalTables.Buckets, buckets, output);
        output.Position = 0;
        using var reader = new CsvReader(new StreamReader(output), CultureInfo.InvariantCulture);
        await reader.ReadAsync();
        reader.ReadHeader();
        Assert.Equal(SignalTables.Buckets.Columns.Select(c => c.Name), reader.HeaderRecord!);
        foreach (var bucket in buckets)
        {
            Assert.True(await reader.ReadAsync());
            Assert.Equal(bucket.Min, reader.GetField<double>("min"));
            Assert.Equal(bucket.Max, reader.GetField<double>("max"));
            Assert.Equal(bucket.FirstSample, reader.GetField<long>("first_sample"));
        }
    }

    [Fact]
    public void Bytes_that_are_not_a_c3d_file_are_refused_and_zero_buckets_are_refused()
    {
        Assert.Throws<C3dFormatException>(() => SignalRows.Read([1, 2, 3, 4]));
        Assert.Throws<ArgumentOutOfRangeException>(() => SignalRows.Buckets(Recording, SignalKind.Raw, 0).ToList());
    }
}
