using System.Text.Json;
using EmgSessions.Core.Analytics;
using EmgSessions.Scoring;

namespace EmgSessions.Core.Scores;

/// <summary>
/// The EMG scoring inputs of stored analytics JSON (<see cref="AnalyticsScoringInputs"/>'s rules), read with
/// <see cref="AnalyticsDocument"/>: the full result, the analytics-cache entry (<c>{"analytics": {"CH1": {…}}, …}</c>)
/// or the bare analytics object (<c>{"CH1": {…}, "CH2": {…}}</c>).
/// </summary>
public static class StoredScoringInputs
{
    /// <exception cref="ScoringInputException">The JSON is not such an object.</exception>
    public static ScoringInputs FromAnalyticsJson(string json, SideMapping? mapping = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        mapping ??= SideMapping.Default;
        AnalyticsDocument? document;
        try
        {
            document = AnalyticsDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new ScoringInputException($"The stored analytics are not valid JSON ({ex.Message}); reprocess the session.", ex);
        }

        if (document is null)
        {
            throw new ScoringInputException("The stored analytics are not a JSON object; reprocess the session.");
        }

        var channels = document.ChannelsOrBareMap();
        ChannelCounts? Counts(string name) => channels.LastOrDefault(c => c.Name == name) is { } c
            ? new ChannelCounts(
                c.ContractionCount, c.GoodContractionCount, c.MvcContractionCount, c.DurationContractionCount, c.ExpectedContractions,
                c.ContractionList.Count(k => k.MeetsMvc), c.ContractionList.Count(k => k.MeetsDuration))
            : null;
        return AnalyticsScoringInputs.FromCounts(Counts(mapping.LeftChannel), Counts(mapping.RightChannel));
    }
}
