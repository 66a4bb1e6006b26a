using System.Text.RegularExpressions;

namespace EmgSessions.Core.Application;

/// <summary>
/// Keeps the server's file-system paths out of responses: messages that come from exceptions (storage, spool,
/// database) pass through <see cref="Redact"/> before they reach a caller; the logs keep the full text.
/// </summary>
internal static partial class ServerPaths
{
    public const string Placeholder = "<server path>";

    /// <summary><paramref name="text"/> with every absolute path (<c>/a/b</c>, <c>C:\a</c>, <c>file://…</c>) replaced by a placeholder.</summary>
    public static string? Redact(string? text) =>
        string.IsNullOrEmpty(text) ? text : AbsolutePath().Replace(text, Placeholder);

    // A '/' that starts a path (not inside a word, a URL or a relative key) up to a quote or whitespace; or a drive path.
    [GeneratedRegex(@"(?<![\w.:/~>-])/(?=[^\s/'""])[^\s'""]*|\b[A-Za-z]:\\[^\s'""]*|file://[^\s'""]*", RegexOptions.CultureInvariant)]
    private static partial Regex AbsolutePath();
}
