using EmgSessions.Core.Access;

namespace EmgSessions.Core.Stores.People;

/// <summary>Everything about people in the database: accounts, patients, therapists, the patient directory and the audit trail.</summary>
internal interface IPeopleStore : IUserStore, IPatientStore, ITherapistStore, IAuditStore, IPatientDirectory, IAsyncDisposable
{
}
