using System.Text.Encodings.Web;
using System.Text.Json;

namespace EmgSessions.Cli;

/// <summary>JSON for scripts: snake_case keys, indented, non-ASCII kept readable.</summary>
internal static class JsonOutput
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
