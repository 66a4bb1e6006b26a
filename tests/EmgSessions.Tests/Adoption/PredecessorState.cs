namespace EmgSessions.Tests.Adoption;

/// <summary>One state of <c>../shared/predecessor-db</c>: its file, the shape the adopter must name, and its traits.</summary>
public sealed record PredecessorState(string File, string ExpectedShape, bool DropUpdatedAtTrigger = false)
{
    public static PredecessorState A { get; } = new("a", "post-separation-without-original-filename");

    public static PredecessorState A14 { get; } = new("a14", "post-separation");

    public static PredecessorState B { get; } = new("b", "pre-separation");

    public static PredecessorState BWithoutTrigger { get; } = new("b", "pre-separation", DropUpdatedAtTrigger: true);

    public static PredecessorState C { get; } = new("c", "september");

    public bool IsSeptember => File == "c";

    public bool IsPreSeparation => File == "b";

    /// <summary>The shape stored original_filename before adoption.</summary>
    public bool HadOriginalFilename => File is "a14" or "b";
}
