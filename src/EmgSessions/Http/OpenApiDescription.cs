using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EmgSessions.Http;

/// <summary>
/// What the generated OpenAPI document cannot infer: the credentials (API key, webhook secret and signature) and which
/// routes take which, the multipart body of <c>/upload</c>, and the shape of the analytics answers (written as JSON
/// text, so without a CLR type to describe them).
/// </summary>
internal sealed class OpenApiDescription : IOpenApiDocumentTransformer
{
    public const string ApiKey = "api_key";
    public const string WebhookSecret = "webhook_secret";
    public const string WebhookSignature = "webhook_signature";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        document.Components.SecuritySchemes[ApiKey] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "One of the API keys of EMGS_API_KEYS as 'Authorization: Bearer <key>'. Required by /api/* and /upload when keys are configured.",
        };
        document.Components.SecuritySchemes[WebhookSecret] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = "X-Webhook-Secret",
            Description = "The webhook secret (EMGS_WEBHOOK_SECRET); 'Authorization: Bearer <secret>' is accepted too.",
        };
        document.Components.SecuritySchemes[WebhookSignature] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = "X-Webhook-Signature",
            Description = "Hex HMAC-SHA256 of the raw body with the webhook secret (optional 'sha256=' prefix); Standard Webhooks headers are accepted too.",
        };

        foreach (var (path, item) in document.Paths)
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                operation.Security = path switch
                {
                    _ when path.StartsWith("/api/", StringComparison.Ordinal) || path == "/upload" => [Require(document, ApiKey)],
                    "/webhooks/storage/c3d-upload" => [Require(document, WebhookSecret), Require(document, WebhookSignature)],
                    _ when path.StartsWith("/webhooks/storage/status", StringComparison.Ordinal) =>
                        [Require(document, WebhookSecret), Require(document, WebhookSignature), Require(document, ApiKey)],
                    _ => operation.Security,
                };

                if (path == "/upload" && method == HttpMethod.Post)
                {
                    operation.RequestBody = UploadBody();
                    SetJson(operation, "200", "The analysis of the uploaded file (nothing is stored).", AnalysisSchema(withUploadFields: true));
                }
                else if (path == "/api/sessions/{id}/analytics" && method == HttpMethod.Get)
                {
                    SetJson(operation, "200", "The cached analytics of the session (profile ghostly-v1).", AnalysisSchema(withUploadFields: false));
                }
            }
        }

        return Task.CompletedTask;
    }

    private static OpenApiSecurityRequirement Require(OpenApiDocument document, string scheme) =>
        new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };

    private static void SetJson(OpenApiOperation operation, string status, string description, OpenApiSchema schema)
    {
        operation.Responses ??= [];
        operation.Responses[status] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal) { ["application/json"] = new() { Schema = schema } },
        };
    }

    private static OpenApiRequestBody UploadBody()
    {
        var properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
        {
            ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "The C3D recording (.c3d), at most Webhook:MaxFileSizeBytes (50 MiB)." },
            ["include_signals"] = new OpenApiSchema { Type = JsonSchemaType.Boolean, Description = "Add the display signals (emg_signals); default false." },
            ["session_mvc_values"] = Text("JSON object of MVC values per channel, e.g. {\"CH1\": 0.0003}."),
            ["session_mvc_threshold_percentages"] = Text("JSON object of MVC threshold percentages per channel."),
            ["session_duration_thresholds_per_muscle"] = Text("JSON object of duration thresholds (ms) per channel."),
            ["channel_muscle_mapping"] = Text("JSON object mapping channels to muscle names."),
            ["user_id"] = Text("Echoed back."),
            ["session_id"] = Text("Echoed back."),
            ["patient_id"] = Text("Echoed back."),
        };
        foreach (var number in new[]
        {
            "threshold_factor", "min_duration_ms", "smoothing_window", "session_mvc_value", "session_mvc_threshold_percentage",
            "contraction_duration_threshold", "session_expected_contractions", "session_expected_contractions_ch1", "session_expected_contractions_ch2",
        })
        {
            properties[number] = new OpenApiSchema { Type = JsonSchemaType.Number, Description = "Analysis option (emg-analysis.md)." };
        }

        return new OpenApiRequestBody
        {
            Required = true,
            Description = "multipart/form-data: the file and the analysis options as fields.",
            Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
            {
                ["multipart/form-data"] = new()
                {
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Object, Required = new HashSet<string>(StringComparer.Ordinal) { "file" }, Properties = properties },
                },
            },
        };
    }

    private static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String, Description = description };

    private static OpenApiSchema Number(string description) => new() { Type = JsonSchemaType.Number | JsonSchemaType.Null, Description = description };

    /// <summary>The analysis document: metadata, per-channel analytics and the channels analysed.</summary>
    private static OpenApiSchema AnalysisSchema(bool withUploadFields)
    {
        var channel = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "The analytics of one channel.",
            Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
            {
                ["contraction_count"] = Number("Contractions detected."),
                ["good_contraction_count"] = Number("Contractions meeting the MVC and duration criteria."),
                ["mvc_contraction_count"] = Number("Contractions meeting the MVC threshold."),
                ["duration_contraction_count"] = Number("Contractions meeting the duration threshold."),
                ["avg_duration_ms"] = Number("Mean contraction duration (ms)."),
                ["max_duration_ms"] = Number("Longest contraction (ms)."),
                ["min_duration_ms"] = Number("Shortest contraction (ms)."),
                ["total_time_under_tension_ms"] = Number("Sum of contraction durations (ms)."),
                ["avg_amplitude"] = Number("Mean contraction amplitude."),
                ["max_amplitude"] = Number("Largest contraction amplitude."),
                ["rms"] = Number("Root mean square of the signal."),
                ["mav"] = Number("Mean absolute value."),
                ["mpf"] = Number("Mean power frequency (Hz)."),
                ["mdf"] = Number("Median frequency (Hz)."),
                ["fatigue_index_fi_nsm5"] = Number("Dimitrov's fatigue index."),
                ["mvc_threshold_actual_value"] = Number("The MVC threshold used."),
                ["duration_threshold_actual_value"] = Number("The duration threshold used (ms)."),
                ["contractions"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.Object }, Description = "Each contraction: start_time_ms, end_time_ms, duration_ms, mean_amplitude, max_amplitude, is_good, meets_mvc, meets_duration." },
                ["errors"] = new OpenApiSchema { Type = JsonSchemaType.Object, Description = "Metrics that could not be computed, with the reason." },
            },
            AdditionalProperties = new OpenApiSchema(),
        };
        var properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
        {
            ["metadata"] = new OpenApiSchema { Type = JsonSchemaType.Object, Description = "Source file, game data, sampling rate, duration, processing version.", AdditionalProperties = new OpenApiSchema() },
            ["analytics"] = new OpenApiSchema { Type = JsonSchemaType.Object, Description = "Per channel (CH1, CH2, …).", AdditionalProperties = channel },
            ["available_channels"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            ["processing_version"] = Text("The analysis profile and version."),
        };
        if (withUploadFields)
        {
            properties["file_id"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid" };
            properties["source_filename"] = Text("The uploaded file's name.");
            properties["emg_signals"] = new OpenApiSchema { Type = JsonSchemaType.Object, Description = "Display signals per channel, only with include_signals=true.", AdditionalProperties = new OpenApiSchema() };
            properties["c3d_parameters"] = new OpenApiSchema { Type = JsonSchemaType.Object, Description = "sampling_rate, duration, frame_count, sample_count, channel_count.", AdditionalProperties = new OpenApiSchema() };
        }

        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Required = new HashSet<string>(StringComparer.Ordinal) { "metadata", "analytics", "available_channels" },
            Properties = properties,
            AdditionalProperties = new OpenApiSchema(),
        };
    }
}
