namespace EmgSessions.Hosting;

/// <summary>Where the HTTP server listens and who may call it (system.md §6, §7).</summary>
internal sealed class ServerOptions
{
    public const string Section = "Server";
    public const string DefaultUrls = "http://127.0.0.1:8080";

    /// <summary>Listen addresses separated by <c>;</c> or <c>,</c> (<c>--urls</c> / <c>EMGS_URLS</c>).</summary>
    public string Urls { get; set; } = DefaultUrls;

    /// <summary>Comma-separated API keys for <c>/api/*</c> and <c>/upload</c> (<c>EMGS_API_KEYS</c>). None: open, loopback only.</summary>
    public string? ApiKeys { get; set; }

    /// <summary>Run the reconciler (system.md §4.4) in <c>serve</c>.</summary>
    public bool Reconciler { get; set; } = true;

    public IReadOnlyList<string> UrlList =>
        Urls.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public IReadOnlyList<string> ApiKeyList =>
        (ApiKeys ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// Problems with these options; empty when they are usable. The addresses themselves (form, loopback without
    /// credentials) are checked before the host is built, by <see cref="ListenAddresses.Check"/>.
    /// </summary>
    public IReadOnlyList<string> Check() =>
        UrlList.Count == 0 ? ["Server:Urls names no address; give one such as http://127.0.0.1:8080 (--urls / EMGS_URLS)."] : [];
}
