namespace EmgSessions.Core.Migrations.Adoption;

/// <summary>
/// What a detector found and how it is brought to the current schema: <paramref name="State"/> names the shape
/// (<c>fresh</c>, <c>emgs</c>, or a predecessor state), <paramref name="Baseline"/> is the last migration the shape
/// already contains (recorded without running), <paramref name="Steps"/> run first, then every later migration, all
/// in one transaction. <paramref name="Counts"/> say what moves or is kept.
/// </summary>
internal sealed record AdoptionPlan(
    string State,
    string Description,
    int Baseline,
    IReadOnlyList<AdoptionStep> Steps,
    IReadOnlyList<AdoptionCount> Counts)
{
    /// <summary>The state of a database this application created (or will create): nothing to adopt.</summary>
    public bool IsPredecessor => State is not (FreshState or OwnState);

    public const string FreshState = "fresh";

    public const string OwnState = "emgs";
}
