using EmgSessions.Core.Application;
using EmgSessions.Core.Application.Patients;
using EmgSessions.Core.Application.Sessions;

namespace EmgSessions.Web.Queries;

/// <summary>The Overview's data: the actor's patients with their progress, and the newest sessions the actor may see.</summary>
internal sealed record OverviewData(Answer<PatientSummaries> Patients, Answer<SessionList> Recent);
