using Xunit.Abstractions;

namespace EmgSessions.Tests.Adoption;

/// <summary>State a: post-separation of 2025-08-27, no original_filename.</summary>
public sealed class PredecessorAAdoptionTests(ITestOutputHelper output) : PredecessorAdoptionTests(PredecessorState.A, output);
