using System.Globalization;
using System.Text;
using CsvHelper;
using EmgSessions.Core.Exports;
using EmgSessions.Core.Exports.Cohort;
using EmgSessions.Core.Exports.Csv;
using EmgSessions.Core.Exports.Json;
using EmgSessions.Core.Exports.Parquet;
using EmgSessions.Testing;
using Parquet;
using Parquet.Schema;

namespace EmgSessions.Core.Tests.Exports;

/// <summary>The cohort table in CSV and Parquet: round trips, row groups, and the researchers' pseudonymised form.</summary>
public sealed class CohortExportTests
{
    private const string Name = "Johanna Verstappen-Kleinhout";
    private const string Note = "Complained of shoulder pain after level 3";

    private static async IAsyncEnumerable<CohortRow> Rows(int sessions)
    {
        var channels = AnalyticsJsonReader.ReadChannels(File.ReadAllText(TestFiles.AnalysisReference(TestFiles.Ghostly0881)));
        for (var i = 0; i < sessions; i++)
        {
            foreach (var channel in channels)
            {
                yield return new CohortRow(
                    new Guid(i, 0, 0, new byte[8]), $"P{i % 50:000}", Name, new DateOnly(1951, 7, 14),
                    new DateTimeOffset(2023, 3, 21, 17, 50, 17, TimeSpan.Zero), "3", Note, channel,
                    i % 2 == 0 ? new CohortScores("ghostly-v1", 72.5, 0.1 * i, null, 40, null, true, false, true, false) : null);
            }

            await Task.Yield();
        }
    }

    [Fact]
    public async Task Pseudonymised_cohort_csv_and_parquet_hold_no_name_date_of_birth_or_note_text()
    {
        using var csv = new MemoryStream();
        await ExportCsvWriter.WriteAsync(CohortTables.For(pseudonymise: true), Rows(3), csv);
        using var parquet = new MemoryStream();
        // Plain pages, so that a name would show in the bytes (compressed pages could hide it from a byte search).
        await ExportParquetWriter.WriteAsync(CohortTables.For(pseudonymise: true), Rows(3), parquet, compress: false);

        foreach (var bytes in new[] { csv.ToArray(), parquet.ToArray() })
        {
            foreach (var secret in new[] { Name, "Verstappen", Note, "shoulder", "1951-07-14", "1951" })
            {
                Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)));
            }

            Assert.NotEqual(-1, bytes.AsSpan().IndexOf("P001"u8));
        }

        var text = Encoding.UTF8.GetString(csv.ToArray());
        Assert.Contains(",71,", text, StringComparison.Ordinal); // age in whole years: 2023-03-21 is before the 72nd birthday

        parquet.Position = 0;
        await using var reader = await ParquetReader.CreateAsync(parquet);
        var names = reader.Schema.GetDataFields().Select(f => f.Name).ToList();
        Assert.Contains("age_years", names);
        Assert.DoesNotContain("patient_name", names);
        Assert.DoesNotContain("date_of_birth", names);
        Assert.DoesNotContain("notes", names);
    }

    [Fact]
    public async Task Full_cohort_csv_keeps_the_identifying_fields_for_admins()
    {
        using var csv = new MemoryStream();
        await ExportCsvWriter.WriteAsync(CohortTables.For(pseudonymise: false), Rows(1), csv);
        var text = Encoding.UTF8.GetString(csv.ToArray());
        Assert.Contains(Name, text, StringComparison.Ordinal);
        Assert.Contains("1951-07-14", text, StringComparison.Ordinal);
        Assert.Contains(Note, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cohort_parquet_reads_back_in_fixed_row_groups_with_the_documented_types_and_values()
    {
        var table = CohortTables.Pseudonymised;
        using var output = new MemoryStream();
        var written = await ExportParquetWriter.WriteAsync(table, Rows(25), output, rowGroupSize: 20);
        Assert.Equal(50, written);

        output.Position = 0;
        await using var reader = await ParquetReader.CreateAsync(output);
        Assert.Equal(3, reader.RowGroupCount);
        var fields = reader.Schema.GetDataFields();
        Assert.Equal(table.Columns.Select(c => c.Name), fields.Select(f => f.Name));
        for (var i = 0; i < fields.Length; i++)
        {
            // Parquet.Net 6 reads UTF-8 string columns as ReadOnlyMemory<char> by default.
            var expected = table.Columns[i].Kind switch
            {
                ExportValueKind.Text => typeof(ReadOnlyMemory<char>),
                ExportValueKind.Integer => typeof(long),
                ExportValueKind.Real => typeof(double),
                _ => typeof(bool),
            };
            Assert.Equal(expected, fields[i].ClrType);
        }

        var rows = new List<CohortRow>();
        await foreach (var row in Rows(25))
        {
            rows.Add(row);
        }

        var offset = 0;
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var count = (int)group.RowCount;
            Assert.Equal(g < 2 ? 20 : 10, count);
            var rms = new double?[count];
            await group.ReadAsync<double>(Field("rms"), rms);
            var score = new double?[count];
            await group.ReadAsync<double>(Field("overall_score"), score);
            var contractions = new long?[count];
            await group.ReadAsync<long>(Field("contraction_count"), contractions);
            var codes = new string[count];
            await group.ReadAsync(Field("patient_code"), codes);
            for (var r = 0; r < count; r++)
            {
                var expected = rows[offset + r];
                Assert.Equal(expected.Metrics.Rms, rms[r]);
                Assert.Equal(expected.Scores?.OverallScore, score[r]);
                Assert.Equal(expected.Metrics.ContractionCount, contractions[r]);
                Assert.Equal(expected.PatientCode, codes[r]);
            }

            offset += count;
        }

        DataField Field(string name) => fields.Single(f => f.Name == name);
    }

    [Fact]
    public async Task Cohort_csv_reads_back_with_one_row_per_session_and_channel()
    {
        using var output = new MemoryStream();
        Assert.Equal(8, await ExportCsvWriter.WriteAsync(CohortTables.Pseudonymised, Rows(4), output));
        output.Position = 0;
        using var reader = new CsvReader(new StreamReader(output), CultureInfo.InvariantCulture);
        await reader.ReadAsync();
        reader.ReadHeader();
        Assert.Equal(CohortTables.Pseudonymised.Columns.Select(c => c.Name), reader.HeaderRecord!);
        var rows = 0;
        while (await reader.ReadAsync())
        {
            rows++;
            Assert.Equal("2023-03-21T17:50:17Z", reader.GetField("session_date"));
            Assert.Equal(1.0, reader.GetField<double>("metrics_completeness"), 1e-12);
            var scored = reader.GetField("scoring_profile") == "ghostly-v1";
            Assert.Equal(scored ? "true" : "", reader.GetField("has_emg_data"));
            Assert.Equal(scored ? "72.5" : "", reader.GetField("overall_score"));
        }

        Assert.Equal(8, rows);
    }

    [Fact]
    public async Task An_empty_cohort_still_gives_a_readable_parquet_file_with_the_schema()
    {
        using var output = new MemoryStream();
        Assert.Equal(0, await ExportParquetWriter.WriteAsync(CohortTables.Pseudonymised, Rows(0), output));
        output.Position = 0;
        await using var reader = await ParquetReader.CreateAsync(output);
        Assert.Equal(CohortTables.Pseudonymised.Columns.Count, reader.Schema.GetDataFields().Length);
    }

    [Fact]
    public async Task A_row_group_size_below_one_is_refused() =>
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            ExportParquetWriter.WriteAsync(CohortTables.Pseudonymised, Rows(1), Stream.Null, rowGroupSize: 0));
}
