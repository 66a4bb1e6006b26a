namespace EmgSessions.Core.Access;

/// <summary>The role names as stored and as written on the command line: admin, therapist, researcher.</summary>
internal static class RoleNames
{
    public static string Of(Role role) => role switch
    {
        Role.Admin => "admin",
        Role.Therapist => "therapist",
        Role.Researcher => "researcher",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown role."),
    };

    /// <summary>Parses a role name (case-insensitive, surrounding spaces ignored); false for anything else.</summary>
    public static bool TryParse(string? text, out Role role)
    {
        switch (text?.Trim().ToUpperInvariant())
        {
            case "ADMIN":
                role = Role.Admin;
                return true;
            case "THERAPIST":
                role = Role.Therapist;
                return true;
            case "RESEARCHER":
                role = Role.Researcher;
                return true;
            default:
                role = default;
                return false;
        }
    }
}
