using System.Text;
using System.Text.Json;
using EmgSessions.Core.Exports;
using EmgSessions.Core.Exports.Json;
using EmgSessions.Core.Stores;
using EmgSessions.Testing;

namespace EmgSessions.Core.Tests.Exports;

/// <summary>The data dictionary page, the result JSON with provenance, and the file names.</summary>
public sealed class ExportDocumentTests
{
    [Fact]
    public void The_data_dictionary_page_in_docs_matches_the_export_tables()
    {
        var path = Path.Combine(TestFiles.RepositoryRoot, "docs", "data-dictionary.md");
        var generated = DataDictionary.ToMarkdown();
        if (Environment.GetEnvironmentVariable("EMGS_WRITE_DATA_DICTIONARY") == "1")
        {
            File.WriteAllText(path, generated);
        }

        Assert.Equal(generated, File.ReadAllText(path).ReplaceLineEndings("\n"));
        foreach (var name in new[] { "`start_time_ms` | real | ms", "`mpf` | real | Hz", "`age_years` | integer | years", "`is_good` | boolean" })
        {
            Assert.Contains(name, generated, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Result_json_carries_provenance_and_the_stored_result_unchanged()
    {
        var stored = File.ReadAllText(TestFiles.AnalysisReference(TestFiles.Ghostly0881));
        var session = Session(stored);
        using var output = new MemoryStream();
        await ResultJsonExport.WriteAsync(
            session, new ExportProvenance("ghostly-v1", "1.2.3", new DateTimeOffset(2026, 12, 4, 20, 0, 0, TimeSpan.Zero), "ghostly-plus", """{"w_compliance":0.4}"""), output);

        using var document = JsonDocument.Parse(output.ToArray());
        var provenance = document.RootElement.GetProperty("provenance");
        Assert.Equal("abc123", provenance.GetProperty("file_hash").GetString());
        Assert.Equal("ghostly-v1", provenance.GetProperty("analysis_profile").GetString());
        Assert.Equal("ghostly-plus", provenance.GetProperty("scoring_profile").GetString());
        Assert.Equal(0.4, provenance.GetProperty("scoring_configuration").GetProperty("w_compliance").GetDouble());
        Assert.Equal("1.2.3", provenance.GetProperty("software_version").GetString());
        Assert.Equal("2026-12-04T20:00:00.000Z", provenance.GetProperty("exported_at").GetString());
        using var original = JsonDocument.Parse(stored);
        Assert.Equal(
            original.RootElement.GetProperty("analytics").GetProperty("CH1").GetProperty("rms").GetDouble(),
            document.RootElement.GetProperty("result").GetProperty("analytics").GetProperty("CH1").GetProperty("rms").GetDouble());
    }

    [Fact]
    public async Task Result_json_of_a_session_without_analytics_is_refused_with_a_message_that_says_why()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ResultJsonExport.WriteAsync(Session("{}"), new ExportProvenance("ghostly-v1", "1", DateTimeOffset.UnixEpoch), Stream.Null));
        Assert.Contains("no stored analysis result", error.Message, StringComparison.Ordinal);
        Assert.Contains("after processing completes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void File_names_say_patient_date_time_and_kind()
    {
        var when = new DateTimeOffset(2023, 3, 21, 17, 50, 17, TimeSpan.Zero);
        Assert.Equal("P005_2023-03-21_1750_contractions.csv", ExportFileNames.Session("P005", when, "contractions", "csv"));
        Assert.Equal("P005_2023-03-21_1750_recording.c3d", ExportFileNames.Recording("P005", when));
        Assert.Equal("unknown_undated_metrics.csv", ExportFileNames.Session(null, null, "metrics", ".csv"));
        Assert.Equal("P-5_2023-03-21_1750_signals-raw.parquet", ExportFileNames.Session("P/5", when, "signals raw", "parquet"));
        Assert.Equal("sessions_2023-03-21_pseudonymised.parquet", ExportFileNames.Cohort(when, pseudonymised: true, "parquet"));
        Assert.Equal("text/csv; charset=utf-8", ExportFileNames.ContentType("csv"));
        Assert.Equal("application/octet-stream", ExportFileNames.ContentType(".c3d"));
    }

    private static SessionRecord Session(string cacheJson) => new(
        Guid.NewGuid(), "c3d-examples/P005/a.c3d", "abc123", 100, "a.c3d", "P005", null, null, null, "completed", null, null,
        cacheJson, 0, "{}", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null, null, null);
}
