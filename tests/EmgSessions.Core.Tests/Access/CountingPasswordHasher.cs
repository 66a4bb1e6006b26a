using EmgSessions.Core.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace EmgSessions.Core.Tests.Access;

/// <summary>The real Identity password hasher (fewer PBKDF2 iterations, to keep tests quick) counting its verifications.</summary>
internal sealed class CountingPasswordHasher : IPasswordHasher<LocalAccount>
{
    private readonly PasswordHasher<LocalAccount> _inner = new(Options.Create(new PasswordHasherOptions { IterationCount = 1000 }));

    public int Verifications { get; private set; }

    public string HashPassword(LocalAccount user, string password) => _inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(LocalAccount user, string hashedPassword, string providedPassword)
    {
        Verifications++;
        return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}
