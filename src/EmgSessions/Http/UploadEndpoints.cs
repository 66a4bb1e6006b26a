using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EmgSessions.Analysis;
using EmgSessions.C3d;
using EmgSessions.Core.Processing;
using EmgSessions.Core.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace EmgSessions.Http;

/// <summary>
/// <c>POST /upload</c> (emg-analysis.md §8.5): a multipart C3D file plus analysis options, analysed and
/// answered at once with the display signals (<c>emg_signals</c>, §5); nothing is stored (as the predecessor
/// did). Form field <c>include_signals=false</c> leaves the signals out (they are most of the response).
/// </summary>
internal static class UploadEndpoints
{
    /// <summary>Form fields that are numbers; the map options are JSON objects in their field.</summary>
    private static readonly string[] NumberFields =
    [
        "threshold_factor", "min_duration_ms", "smoothing_window", "session_mvc_value", "session_mvc_threshold_percentage",
        "contraction_duration_threshold", "session_expected_contractions", "session_expected_contractions_ch1", "session_expected_contractions_ch2",
    ];

    private static readonly string[] ObjectFields =
    [
        "session_mvc_values", "session_mvc_threshold_percentages", "session_duration_thresholds_per_muscle", "channel_muscle_mapping",
    ];

    public static IEndpointRouteBuilder MapUploadEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/upload", UploadAsync)
            .WithTags("Upload")
            .WithName("AnalyseUpload")
            .DisableAntiforgery()
            .AddEndpointFilter<ApiKeyFilter>();
        return app;
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> UploadAsync(
        HttpRequest request, IOptions<WebhookOptions> webhook, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Multipart form expected",
                detail: "Send the C3D file as multipart/form-data field 'file', with the analysis options as further fields.");
        }

        var form = await request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var file = form.Files.GetFile("file");
        if (file is null)
        {
            errors["file"] = ["A C3D file is required in field 'file'."];
        }
        else if (!file.FileName.EndsWith(".c3d", StringComparison.OrdinalIgnoreCase))
        {
            errors["file"] = [$"'{file.FileName}' is not a .c3d file."];
        }
        else if (file.Length == 0 || file.Length > webhook.Value.MaxFileSizeBytes)
        {
            errors["file"] = [$"The file must have 1 to {webhook.Value.MaxFileSizeBytes} bytes (got {file.Length})."];
        }

        var options = ParseOptions(form, errors);
        var includeSignals = true;
        if (form.TryGetValue("include_signals", out var include) && !string.IsNullOrWhiteSpace(include.ToString()))
        {
            if (bool.TryParse(include.ToString(), out var flag))
            {
                includeSignals = flag;
            }
            else
            {
                errors["include_signals"] = [$"'{include}' is not true or false."];
            }
        }

        if (errors.Count > 0 || file is null || options is null)
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid upload");
        }

        byte[] bytes;
        using (var buffer = new MemoryStream((int)file.Length))
        {
            await file.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            bytes = buffer.ToArray();
        }

        EmgAnalysisResult result;
        C3dInfo info;
        IReadOnlyList<DisplaySignal>? signals;
        try
        {
            (result, info, signals) = await Task.Run(() =>
            {
                var recording = C3dReader.Read(bytes);
                if (RecordingCheck.WhyNothingToAnalyse(recording.Info) is { } reason)
                {
                    throw new EmgAnalysisException(reason);
                }

                var input = EmgRecordingFactory.FromC3d(recording);
                var analysis = EmgAnalyzer.Analyze(input, options);
                return (analysis, recording.Info, includeSignals ? DisplaySignals.For(input, analysis) : null);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (C3dFormatException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Not a readable C3D file", detail: ex.Detail);
        }
        catch (EmgAnalysisException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Nothing to analyse", detail: ex.Message);
        }

        var json = BuildResponse(result, info, signals, file.FileName, form, time.GetUtcNow());
        return TypedResults.Bytes(json, "application/json");
    }

    /// <summary>The analysis options in the form; null (with <paramref name="errors"/> filled) when one is wrong.</summary>
    public static AnalysisOptions? ParseOptions(IFormCollection form, Dictionary<string, string[]> errors)
    {
        var json = new JsonObject();
        foreach (var name in NumberFields)
        {
            if (form.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value.ToString()))
            {
                if (double.TryParse(value.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
                {
                    json[name] = number == Math.Floor(number) && Math.Abs(number) < 1e15 ? JsonValue.Create((long)number) : JsonValue.Create(number);
                }
                else
                {
                    errors[name] = [$"'{value}' is not a number."];
                }
            }
        }

        foreach (var name in ObjectFields)
        {
            if (form.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value.ToString()))
            {
                try
                {
                    json[name] = JsonNode.Parse(value.ToString());
                }
                catch (JsonException)
                {
                    errors[name] = ["Expected a JSON object such as {\"CH1\": 0.0003}."];
                }
            }
        }

        if (errors.Count > 0)
        {
            return null;
        }

        try
        {
            var options = AnalysisOptions.FromJson(json.ToJsonString());
            options.Validate();
            return options;
        }
        catch (AnalysisOptionsException ex)
        {
            errors["options"] = [ex.Message];
            return null;
        }
    }

    private static byte[] BuildResponse(
        EmgAnalysisResult result, C3dInfo info, IReadOnlyList<DisplaySignal>? signals, string fileName, IFormCollection form, DateTimeOffset now)
    {
        using var full = JsonDocument.Parse(result.ToJson());
        var root = full.RootElement;
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("file_id", Guid.NewGuid());
            writer.WriteString("timestamp", now.UtcDateTime.ToString("yyyyMMdd_HHmmss", CultureInfo.InvariantCulture));
            writer.WriteString("source_filename", Path.GetFileName(fileName));

            // metadata: duration and score as numbers here (§8.5), plus session_parameters_used.
            writer.WritePropertyName("metadata");
            writer.WriteStartObject();
            foreach (var property in root.GetProperty("metadata").EnumerateObject())
            {
                if (property.Name is "duration" or "score")
                {
                    if (property.Value.ValueKind == JsonValueKind.String
                        && double.TryParse(property.Value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                        && double.IsFinite(number))
                    {
                        writer.WriteNumber(property.Name, number);
                    }
                    else
                    {
                        writer.WriteNull(property.Name);
                    }
                }
                else
                {
                    property.WriteTo(writer);
                }
            }

            if (root.TryGetProperty("session_parameters_used", out var used))
            {
                writer.WritePropertyName("session_parameters_used");
                used.WriteTo(writer);
            }

            writer.WriteEndObject();
            foreach (var key in new[] { "analytics", "available_channels", "compat" })
            {
                if (root.TryGetProperty(key, out var value))
                {
                    writer.WritePropertyName(key);
                    value.WriteTo(writer);
                }
            }

            if (signals is not null)
            {
                writer.WritePropertyName("emg_signals");
                DisplaySignals.Write(writer, signals);
            }

            writer.WritePropertyName("c3d_parameters");
            writer.WriteStartObject();
            WriteNumberOrNull(writer, "sampling_rate", info.AnalogRate);
            WriteNumberOrNull(writer, "duration", info.AnalogRate > 0 ? info.AnalogSamplesPerChannel / info.AnalogRate : 0);
            WriteNumberOrNull(writer, "frame_count", info.FrameCount);
            WriteNumberOrNull(writer, "sample_count", info.AnalogSamplesPerChannel);
            WriteNumberOrNull(writer, "channel_count", info.AnalogCount);
            writer.WriteEndObject();
            foreach (var field in new[] { "user_id", "session_id", "patient_id" })
            {
                writer.WriteString(field, form.TryGetValue(field, out var value) && !string.IsNullOrEmpty(value.ToString()) ? value.ToString() : null);
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteNumberOrNull(Utf8JsonWriter writer, string name, double value)
    {
        if (double.IsFinite(value) && value > 0)
        {
            writer.WriteNumber(name, value);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
