using Xunit.Abstractions;

namespace EmgSessions.Tests.Adoption;

/// <summary>State a14: post-separation with original_filename (2025-08-14 listing).</summary>
public sealed class PredecessorA14AdoptionTests(ITestOutputHelper output) : PredecessorAdoptionTests(PredecessorState.A14, output);
