using System.Reflection;

namespace EmgSessions.Core.Access;

/// <summary>
/// The permission names routes, verbs and pages ask for. Every name here must have a row in
/// <see cref="AccessRules"/>; <see cref="All"/> lists them by reflection so that a new constant is never forgotten.
/// </summary>
internal static class Permissions
{
    /// <summary>List and read sessions, their technical data and analytics.</summary>
    public const string SessionsRead = "sessions.read";

    /// <summary>Upload a recording through <c>/upload</c>.</summary>
    public const string SessionsUpload = "sessions.upload";

    /// <summary>Queue a session for processing again.</summary>
    public const string SessionsReprocess = "sessions.reprocess";

    /// <summary>Enter RPE, game points, BFR and notes for a session.</summary>
    public const string SessionsAnnotate = "sessions.annotate";

    /// <summary>Delete a session.</summary>
    public const string SessionsDelete = "sessions.delete";

    /// <summary>List and read patients.</summary>
    public const string PatientsRead = "patients.read";

    /// <summary>Create a patient.</summary>
    public const string PatientsCreate = "patients.create";

    /// <summary>Change a patient's details and targets.</summary>
    public const string PatientsWrite = "patients.write";

    /// <summary>Assign a patient to a therapist.</summary>
    public const string PatientsAssign = "patients.assign";

    /// <summary>List, create and change therapists.</summary>
    public const string TherapistsAdmin = "therapists.admin";

    /// <summary>List, add, disable users and reset their passwords.</summary>
    public const string UsersAdmin = "users.admin";

    /// <summary>Who am I, change my own password.</summary>
    public const string AccountSelf = "account.self";

    /// <summary>Read scoring configurations.</summary>
    public const string ScoringRead = "scoring.read";

    /// <summary>Change scoring configurations.</summary>
    public const string ScoringWrite = "scoring.write";

    /// <summary>Look at the queue, failures, cache statistics.</summary>
    public const string OperationsRead = "operations.read";

    /// <summary>Act on the queue, failures and cache (retry, clean up, evict).</summary>
    public const string OperationsWrite = "operations.write";

    /// <summary>List and export the audit trail.</summary>
    public const string AuditRead = "audit.read";

    /// <summary>Export the data of one's own patients (a therapist's patients, every patient for an admin).</summary>
    public const string ExportsPatients = "exports.patients";

    /// <summary>Export the whole cohort (pseudonymised for researchers).</summary>
    public const string ExportsCohort = "exports.cohort";

    /// <summary>Every permission name declared above, in declaration order.</summary>
    public static IReadOnlyList<string> All { get; } =
        [.. typeof(Permissions)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral && field.FieldType == typeof(string))
            .Select(field => (string)field.GetRawConstantValue()!)];
}
