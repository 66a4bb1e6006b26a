namespace EmgSessions.Analysis.Pipeline;

/// <summary>
/// §7.4, first match: user_provided (per-channel MVC; % from the channel, the global %, or 75), global_provided
/// (global MVC and global % both given), backend_estimation (p95 of |envelope|; % = global % or 75, where 0 counts
/// as missing, K7/D5). Threshold = mvc · (pct / 100.0).
/// </summary>
internal sealed record MvcThreshold(string? Method, double? Mvc, double? Percentage)
{
    public const string UserProvided = "user_provided";
    public const string GlobalProvided = "global_provided";
    public const string BackendEstimation = "backend_estimation";
    public const double DefaultPercentage = 75.0;

    public double? Threshold => Mvc is { } mvc && Percentage is { } pct ? mvc * (pct / 100.0) : null;

    /// <param name="estimate">The p95 of |envelope|, or null when there is no envelope.</param>
    public static MvcThreshold Resolve(AnalysisOptions options, string channel, Func<double>? estimate)
    {
        if (Lookup(options.SessionMvcValues, channel) is { } userMvc)
        {
            var pct = Lookup(options.SessionMvcThresholdPercentages, channel)
                ?? options.SessionMvcThresholdPercentage
                ?? DefaultPercentage;
            return new MvcThreshold(UserProvided, userMvc, pct);
        }

        if (options.SessionMvcValue is { } globalMvc && options.SessionMvcThresholdPercentage is { } globalPct)
        {
            return new MvcThreshold(GlobalProvided, globalMvc, globalPct);
        }

        if (estimate is null)
        {
            return new MvcThreshold(null, null, null);
        }

        var percentage = options.SessionMvcThresholdPercentage is { } p && p != 0 ? p : DefaultPercentage;
        return new MvcThreshold(BackendEstimation, estimate(), percentage);
    }

    private static double? Lookup(IReadOnlyDictionary<string, double?>? map, string channel) =>
        map is not null && map.TryGetValue(channel, out var value) ? value : null;
}
