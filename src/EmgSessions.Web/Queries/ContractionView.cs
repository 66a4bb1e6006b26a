namespace EmgSessions.Web.Queries;

/// <summary>One contraction as the analytics store it (times in ms, amplitudes in volts).</summary>
internal sealed record ContractionView(
    int Number, double StartMs, double EndMs, double DurationMs, double? MeanAmplitude, double? MaxAmplitude, bool IsGood, bool MeetsMvc, bool MeetsDuration)
{
    /// <summary>good / mvc / duration / neither: the class the chart and the table colour it by.</summary>
    public string Flag => IsGood ? "good" : MeetsMvc ? "mvc" : MeetsDuration ? "duration" : "neither";

    public string FlagText => Flag switch
    {
        "good" => "good (MVC and duration)",
        "mvc" => "MVC only",
        "duration" => "duration only",
        _ => "neither",
    };
}
