using System.Text.Encodings.Web;

namespace EmgSessions.Http.Reports;

/// <summary>Encoding of every value a report shows (names, notes, file names come from people and files).</summary>
internal static class Html
{
    public static string Encode(string? value) => value is null ? "" : HtmlEncoder.Default.Encode(value);
}
