using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EmgSessions.Analysis;
using EmgSessions.C3d;
using EmgSessions.Core.Access;
using EmgSessions.Core.Recordings;
using EmgSessions.Core.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace EmgSessions.Http;

/// <summary>
/// <c>POST /upload</c> (emg-analysis.md §8.5): a multipart C3D file plus analysis options, analysed and
/// answered at once; nothing is stored (as the predecessor did). The display signals (<c>emg_signals</c>, §5) only
/// with <c>include_signals=true</c> (they are most of the response). One size limit (<c>Webhook:MaxFileSizeBytes</c>,
/// 50 MiB), 413 beyond it; the body is parsed as it streams in; at most <see cref="UploadGate"/> analyses at once, 429 beyond.
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

    /// <summary>Room for the form's other fields and part headers around the file.</summary>
    public const long FormOverheadBytes = 1024 * 1024;

    /// <summary>Longest value accepted in a field other than the file.</summary>
    private const int MaxFieldChars = 64 * 1024;

    public static IEndpointRouteBuilder MapUploadEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/upload", UploadAsync)
            .WithTags("Upload")
            .WithName("AnalyseUpload")
            .WithSummary("Analyse a C3D file without storing it (multipart field 'file' plus analysis options)")
            .DisableAntiforgery()
            .RequirePermission(Permissions.SessionsUpload)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> UploadAsync(
        HttpContext context, IOptions<WebhookOptions> webhook, UploadGate gate, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(webhook);
        ArgumentNullException.ThrowIfNull(gate);
        var request = context.Request;
        var limit = webhook.Value.MaxFileSizeBytes;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !string.Equals(mediaType.MediaType.Value, "multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 } boundary)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Multipart form expected",
                detail: "Send the C3D file as multipart/form-data field 'file', with the analysis options as further fields.");
        }

        // One limit everywhere (the webhook's Webhook:MaxFileSizeBytes): checked on the declared length, on the bytes
        // that arrive, and by Kestrel for this request, before anything is read.
        if (request.ContentLength > limit + FormOverheadBytes)
        {
            return TooLarge(limit, request.ContentLength.Value);
        }

        if (!gate.TryEnter())
        {
            context.Response.Headers.RetryAfter = "2";
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many analyses at once",
                detail: $"{gate.Slots} uploads are being analysed; send this one again in a few seconds.");
        }

        try
        {
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = limit + FormOverheadBytes;
            }

            UploadForm upload;
            try
            {
                upload = await ReadFormAsync(request, boundary, limit, cancellationToken).ConfigureAwait(false);
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return TooLarge(limit, null);
            }
            catch (InvalidDataException e)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed multipart form", detail: e.Message);
            }

            if (upload.FileLength > limit)
            {
                return TooLarge(limit, upload.FileLength);
            }

            return await AnalyseAsync(upload, limit, time, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Exit();
        }
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> AnalyseAsync(
        UploadForm upload, long limit, TimeProvider time, CancellationToken cancellationToken)
    {
        var form = upload.Fields;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (upload.FileName is null)
        {
            errors["file"] = ["A C3D file is required in field 'file'."];
        }
        else if (!upload.FileName.EndsWith(".c3d", StringComparison.OrdinalIgnoreCase))
        {
            errors["file"] = [$"'{Path.GetFileName(upload.FileName)}' is not a .c3d file."];
        }
        else if (upload.FileLength == 0)
        {
            errors["file"] = [$"The file is empty; send 1 to {limit} bytes."];
        }

        var options = ParseOptions(form, errors);

        // The display signals are most of the response (a 2.8 MB file answers 60 MB with them): only on request.
        var includeSignals = false;
        if (form.TryGetValue("include_signals", out var include) && !string.IsNullOrWhiteSpace(include.ToString()))
        {
            if (bool.TryParse(include.ToString(), out var flag))
            {
                includeSignals = flag;
            }
            else
            {
                errors["include_signals"] = [$"include_signals must be true or false (got '{include}')."];
            }
        }

        if (errors.Count > 0 || upload.FileName is null || options is null)
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid upload");
        }

        EmgAnalysisResult result;
        C3dInfo info;
        IReadOnlyList<DisplaySignal>? signals;
        try
        {
            (result, info, signals) = await Task.Run(() =>
            {
                // The display signals show every channel; the analysis alone needs only the channels it reads.
                var bytes = upload.File.GetBuffer().AsSpan(0, (int)upload.FileLength);
                var recording = includeSignals ? C3dReader.Read(bytes) : EmgRecordingFactory.ReadForAnalysis(bytes, options);
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
        finally
        {
            await upload.File.DisposeAsync().ConfigureAwait(false);
        }

        var json = BuildResponse(result, info, signals, upload.FileName, form, time.GetUtcNow());
        return TypedResults.Bytes(json, "application/json");
    }

    private static ProblemHttpResult TooLarge(long limit, long? got) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Upload too large",
        detail: string.Create(CultureInfo.InvariantCulture,
            $"The file is limited to {limit} bytes ({limit / (1024.0 * 1024.0):0.#} MiB, Webhook:MaxFileSizeBytes){(got is { } n ? $"; this upload has {n} bytes" : string.Empty)}."));

    /// <summary>
    /// Reads the multipart body as it arrives: small fields as text, the file section into one buffer sized from the
    /// declared length, never more than <paramref name="limit"/> + 1 bytes of it (no temporary file, no second copy).
    /// </summary>
    private static async Task<UploadForm> ReadFormAsync(HttpRequest request, string boundary, long limit, CancellationToken cancellationToken)
    {
        var reader = new MultipartReader(boundary, request.Body) { HeadersLengthLimit = 16 * 1024 };
        var fields = new Dictionary<string, StringValues>(StringComparer.Ordinal);
        string? fileName = null;
        var file = new MemoryStream();
        var chunk = new byte[81920];
        MultipartSection? section;
        while ((section = await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false)) is not null)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
            {
                continue;
            }

            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty;
            if (disposition.IsFileDisposition() && name == "file" && fileName is null)
            {
                fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? string.Empty;
                file = new MemoryStream((int)Math.Min(limit + 1, Math.Max(0, request.ContentLength ?? 0)));
                int read;
                while ((read = await section.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    if (file.Length + read > limit)
                    {
                        // Count the rest without keeping it: the answer says how large the upload was.
                        var total = file.Length + read;
                        while ((read = await section.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
                        {
                            total += read;
                        }

                        await file.DisposeAsync().ConfigureAwait(false);
                        return new UploadForm(new FormCollection(fields), fileName, new MemoryStream(), total);
                    }

                    file.Write(chunk, 0, read);
                }
            }
            else if (!disposition.IsFileDisposition())
            {
                using var text = new StreamReader(section.Body);
                var buffer = new char[MaxFieldChars + 1];
                var length = await text.ReadBlockAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
                if (length > MaxFieldChars)
                {
                    throw new InvalidDataException($"Field '{name}' is longer than {MaxFieldChars} characters.");
                }

                fields[name] = new string(buffer, 0, length);
            }
        }

        return new UploadForm(new FormCollection(fields), fileName, file, file.Length);
    }

    /// <summary>The parsed form: fields, the file's name (null when absent) and its bytes.</summary>
    private sealed record UploadForm(IFormCollection Fields, string? FileName, MemoryStream File, long FileLength);

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
