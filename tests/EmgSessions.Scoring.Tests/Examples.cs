namespace EmgSessions.Scoring.Tests;

/// <summary>The worked example T16 of scoring.md §2 and a fixed clock.</summary>
internal static class Examples
{
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    /// <summary>T16: left 11 contractions, 9 MVC, 10 duration; right 12, 8, 11; RPE 6; 850/1000 points; BFR 52 %.</summary>
    public static ScoringInputs T16 { get; } = new()
    {
        Left = new SideCounts(11, 9, 10),
        Right = new SideCounts(12, 8, 11),
        Rpe = 6,
        GamePointsAchieved = 850,
        GamePointsMax = 1000,
        BfrPressureAop = 52,
    };

    public static ScoringResult V1(ScoringInputs inputs) =>
        SessionScorer.Score(ScoringProfile.GhostlyV1, inputs, ScoringConfiguration.BuiltInTrialDefault, Now);

    public static ScoringResult Trial(ScoringInputs inputs, ScoringConfiguration? configuration = null) =>
        SessionScorer.Score(ScoringProfile.GhostlyTrial, inputs, configuration ?? ScoringConfiguration.BuiltInTrialDefault, Now);

    public static ScoringConfiguration Configuration(ScoringWeights weights, RpeTable? table = null, string name = "custom") => new()
    {
        Id = Guid.NewGuid(),
        Name = name,
        Weights = weights,
        RpeTable = table ?? RpeTable.TrialDefault,
        Active = true,
    };
}
