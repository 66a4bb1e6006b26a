namespace EmgSessions.Scoring;

/// <summary>
/// Which analysed channel is which leg (scoring.md §1). The default maps <c>CH1</c> to the left and <c>CH2</c> to
/// the right; a trial or a patient may configure another mapping. Channel names compare ordinally, as the analysis
/// names its base channels.
/// </summary>
public sealed record SideMapping(string LeftChannel, string RightChannel)
{
    public static SideMapping Default { get; } = new("CH1", "CH2");
}
