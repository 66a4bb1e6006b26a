namespace EmgSessions.Http;

/// <summary>The body of <c>POST /api/patients</c>; only <see cref="PatientCode"/> is required (the database may require more).</summary>
internal sealed record NewPatientDto(
    string? PatientCode,
    Guid? TherapistId,
    string? FirstName,
    string? LastName,
    DateOnly? DateOfBirth,
    DateOnly? TreatmentStartDate,
    PatientTargetsDto? Targets);
