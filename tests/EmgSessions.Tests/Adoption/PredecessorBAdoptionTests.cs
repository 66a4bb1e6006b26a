using Xunit.Abstractions;

namespace EmgSessions.Tests.Adoption;

/// <summary>State b: pre-separation, with its updated_at trigger.</summary>
public sealed class PredecessorBAdoptionTests(ITestOutputHelper output) : PredecessorAdoptionTests(PredecessorState.B, output);
