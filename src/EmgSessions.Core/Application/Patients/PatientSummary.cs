using EmgSessions.Core.Access;
using EmgSessions.Scoring;

namespace EmgSessions.Core.Application.Patients;

/// <summary>A patient in a list (the Overview): the profile if a patient row exists (pseudonymised for researchers) and the progress, null without sessions.</summary>
internal sealed record PatientSummary(string PatientCode, PatientView? Patient, PatientProgress? Progress);
