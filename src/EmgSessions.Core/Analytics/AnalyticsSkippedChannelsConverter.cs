using System.Text.Json.Serialization.Metadata;

namespace EmgSessions.Core.Analytics;

/// <summary>The document's <c>skipped_channels</c>.</summary>
internal sealed class AnalyticsSkippedChannelsConverter : AnalyticsObjectListConverter<AnalyticsSkippedChannel>
{
    protected override JsonTypeInfo<AnalyticsSkippedChannel> ElementInfo => AnalyticsJsonContext.Default.AnalyticsSkippedChannel;
}
