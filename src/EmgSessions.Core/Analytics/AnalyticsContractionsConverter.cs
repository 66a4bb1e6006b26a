using System.Text.Json.Serialization.Metadata;

namespace EmgSessions.Core.Analytics;

/// <summary>A channel's <c>contractions</c>.</summary>
internal sealed class AnalyticsContractionsConverter : AnalyticsObjectListConverter<AnalyticsContraction>
{
    protected override JsonTypeInfo<AnalyticsContraction> ElementInfo => AnalyticsJsonContext.Default.AnalyticsContraction;
}
