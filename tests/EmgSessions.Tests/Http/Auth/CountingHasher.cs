using EmgSessions.Core.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace EmgSessions.Tests.Http.Auth;

/// <summary>ASP.NET Core Identity's password hasher (1,000 PBKDF2 iterations to keep tests quick) counting its verifications.</summary>
internal sealed class CountingHasher : IPasswordHasher<LocalAccount>
{
    private readonly PasswordHasher<LocalAccount> _inner = new(Options.Create(new PasswordHasherOptions { IterationCount = 1000 }));
    private int _verifications;

    public int Verifications => Volatile.Read(ref _verifications);

    public string HashPassword(LocalAccount user, string password) => _inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(LocalAccount user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _verifications);
        return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}
