namespace EmgSessions.Core.Application.Patients;

/// <summary>Where the treatment start that adherence counts from came from.</summary>
internal enum TreatmentStartSource
{
    /// <summary>Given by the caller (<c>?treatment_start=</c>, <c>--treatment-start</c>).</summary>
    Given,

    /// <summary>The patient's <c>treatment_start_date</c>.</summary>
    PatientRecord,

    /// <summary>None is recorded: the date of the patient's first session stands in.</summary>
    FirstSession,

    /// <summary>None is recorded and the patient has no session.</summary>
    None,
}
