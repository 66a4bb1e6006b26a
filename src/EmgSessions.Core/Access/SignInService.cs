using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace EmgSessions.Core.Access;

/// <summary>
/// Email + password sign-in for local accounts. Every attempt verifies exactly one password hash — against a
/// dummy hash made at start-up when the email is unknown — so an unknown email and a wrong password cost the
/// same work. Failures lock the account per <see cref="LockoutPolicy"/>; each outcome is written to the audit trail.
/// </summary>
internal sealed partial class SignInService
{
    private static readonly LocalAccount DummyAccount = new(Guid.Empty, "nobody@invalid", "", Role.Researcher, null, true, 0, null);

    private readonly IAccountLookup _accounts;
    private readonly IPasswordHasher<LocalAccount> _hasher;
    private readonly LockoutPolicy _lockout;
    private readonly TimeProvider _clock;
    private readonly IAuditSink _audit;
    private readonly ILogger<SignInService> _logger;
    private readonly string _dummyHash;

    public SignInService(
        IAccountLookup accounts,
        IPasswordHasher<LocalAccount> hasher,
        LockoutPolicy lockout,
        TimeProvider clock,
        IAuditSink audit,
        ILogger<SignInService> logger)
    {
        _accounts = accounts;
        _hasher = hasher;
        _lockout = lockout;
        _clock = clock;
        _audit = audit;
        _logger = logger;
        _dummyHash = hasher.HashPassword(DummyAccount, OneTimePassword.Generate());
    }

    public async Task<PasswordSignInResult> SignInAsync(string email, string password, string? ip, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(password);
        email = email.Trim();
        var account = email.Length == 0 ? null : await _accounts.FindByEmailAsync(email, cancellationToken);
        if (account is null)
        {
            _hasher.VerifyHashedPassword(DummyAccount, _dummyHash, password);
            await FailedAsync(email, null, ip, "unknown-email", cancellationToken);
            return PasswordSignInResult.Failed;
        }

        var verdict = _hasher.VerifyHashedPassword(account, account.PasswordHash, password);
        var now = _clock.GetUtcNow();
        if (account.LockedUntil is { } lockedUntil && lockedUntil > now)
        {
            await FailedAsync(account.Email, account.Role, ip, "locked-out", cancellationToken);
            return new PasswordSignInResult(SignInOutcome.LockedOut, null, lockedUntil - now);
        }

        if (verdict == PasswordVerificationResult.Failed)
        {
            var failures = await _accounts.IncrementFailedSignInsAsync(account.Id, cancellationToken);
            if (_lockout.DelayAfter(failures) is { } delay)
            {
                await _accounts.LockUntilAsync(account.Id, now + delay, cancellationToken);
                LogLocked(_logger, account.Email, failures, delay);
                await FailedAsync(account.Email, account.Role, ip, "wrong-password; locked", cancellationToken);
                return new PasswordSignInResult(SignInOutcome.LockedOut, null, delay);
            }

            await FailedAsync(account.Email, account.Role, ip, "wrong-password", cancellationToken);
            return PasswordSignInResult.Failed;
        }

        if (account.Disabled)
        {
            await FailedAsync(account.Email, account.Role, ip, "disabled", cancellationToken);
            return new PasswordSignInResult(SignInOutcome.Disabled, null, null);
        }

        var rehashed = verdict == PasswordVerificationResult.SuccessRehashNeeded ? _hasher.HashPassword(account, password) : null;
        await _accounts.RecordSuccessfulSignInAsync(account.Id, now, rehashed, cancellationToken);
        var actor = account.ToActor();
        await _audit.AppendAsync(AuditEvent.By(actor, AuditActions.SignInSucceeded, _clock, "user", account.Email, ip), cancellationToken);
        return new PasswordSignInResult(SignInOutcome.Succeeded, actor, null);
    }

    private async Task FailedAsync(string email, Role? role, string? ip, string reason, CancellationToken cancellationToken)
    {
        var at = _clock.GetUtcNow();
        var details = new Dictionary<string, string>(StringComparer.Ordinal) { ["reason"] = reason };
        var auditEvent = new AuditEvent(
            Guid.CreateVersion7(at), at, email, role is { } known ? RoleNames.Of(known) : null,
            AuditActions.SignInFailed, "user", email, ip, details);
        await _audit.AppendAsync(auditEvent, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {Email} locked for {Delay} after {Failures} consecutive failed sign-ins")]
    private static partial void LogLocked(ILogger logger, string email, int failures, TimeSpan delay);
}
