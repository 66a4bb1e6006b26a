using EmgSessions.Core.Access;

namespace EmgSessions.Core.Stores.People;

/// <summary>The sign-in layer's <see cref="IAccountDirectory"/> over the <c>users</c> table.</summary>
internal sealed class UserStoreAccountDirectory(IUserStore users) : IAccountDirectory
{
    public Task<bool> AnyAsync(CancellationToken cancellationToken) => users.AnyUsersAsync(cancellationToken);

    public Task<bool> SetPasswordHashAsync(string email, string passwordHash, CancellationToken cancellationToken) =>
        users.SetPasswordHashAsync(email, passwordHash, cancellationToken);
}
