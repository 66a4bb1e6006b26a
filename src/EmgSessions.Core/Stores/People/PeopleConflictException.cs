namespace EmgSessions.Core.Stores.People;

/// <summary>A write the data refuses: a duplicate email or patient code, an unknown therapist, a field the table lacks.</summary>
internal sealed class PeopleConflictException : Exception
{
    public PeopleConflictException()
    {
    }

    public PeopleConflictException(string message)
        : base(message)
    {
    }

    public PeopleConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
