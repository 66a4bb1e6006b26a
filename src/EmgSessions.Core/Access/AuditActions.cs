namespace EmgSessions.Core.Access;

/// <summary>The action names written in <c>audit_events.action</c>.</summary>
internal static class AuditActions
{
    public const string SignInSucceeded = "sign-in.succeeded";
    public const string SignInFailed = "sign-in.failed";
    public const string SignOut = "sign-out";
    public const string PasswordChanged = "password.changed";
    public const string PasswordReset = "password.reset";
    public const string PatientRead = "patient.read";
    public const string PatientChanged = "patient.changed";
    public const string SessionRead = "session.read";
    public const string SessionChanged = "session.changed";
    public const string UserChanged = "user.changed";
    public const string TherapistChanged = "therapist.changed";
    public const string Export = "export";
}
