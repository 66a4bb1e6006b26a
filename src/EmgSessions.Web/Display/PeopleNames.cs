using EmgSessions.Core.Stores.People;

namespace EmgSessions.Web.Display;

/// <summary>How the dashboard names people: first and last name as recorded, or what identifies them when no name is.</summary>
internal static class PeopleNames
{
    /// <summary>"First Last" from the parts given; null when none is recorded.</summary>
    public static string? Full(string? firstName, string? lastName) =>
        string.Join(" ", new[] { firstName, lastName }.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n!.Trim())) is { Length: > 0 } name ? name : null;

    /// <summary>A therapist's name, else the email of their account, else "unnamed therapist".</summary>
    public static string Therapist(TherapistRecord therapist)
    {
        ArgumentNullException.ThrowIfNull(therapist);
        return Full(therapist.FirstName, therapist.LastName) ?? therapist.Email ?? "unnamed therapist";
    }
}
