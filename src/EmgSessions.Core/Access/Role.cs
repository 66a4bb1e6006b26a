namespace EmgSessions.Core.Access;

/// <summary>The role of a signed-in person (access.md §1).</summary>
internal enum Role
{
    Admin,
    Therapist,
    Researcher,
}
