using EmgSessions.Core.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EmgSessions.Core.Tests.Access;

public sealed class SignInServiceTests
{
    private const string Password = "correct horse battery staple";
    private static readonly Guid TherapistRow = Guid.Parse("0b6c1f1e-0000-4000-8000-00000000000a");

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));
    private readonly InMemoryAccounts _accounts = new();
    private readonly CountingPasswordHasher _hasher = new();
    private readonly RecordingAuditSink _audit = new();
    private readonly LocalAccount _therapist;
    private readonly SignInService _service;

    public SignInServiceTests()
    {
        _therapist = Account("therapist@example.org", Role.Therapist, TherapistRow);
        _accounts.Add(_therapist);
        _service = new SignInService(_accounts, _hasher, LockoutPolicy.Default, _clock, _audit, NullLogger<SignInService>.Instance);
    }

    [Fact]
    public async Task The_right_password_signs_in_as_the_accounts_role_and_patient_scope()
    {
        var result = await SignInAsync("Therapist@Example.org ", Password);

        Assert.Equal(SignInOutcome.Succeeded, result.Outcome);
        Assert.Equal(Actor.Therapist("therapist@example.org", TherapistRow), result.Actor);
        Assert.Equal(_clock.GetUtcNow(), _accounts.LastSignInAt);
        var entry = Assert.Single(_audit.Events);
        Assert.Equal(
            (AuditActions.SignInSucceeded, "therapist@example.org", "therapist", "user", "therapist@example.org", "192.0.2.7"),
            (entry.Action, entry.Actor, entry.ActorRole, entry.SubjectType, entry.SubjectId, entry.Ip));
        Assert.Equal(_clock.GetUtcNow(), entry.At);
    }

    [Fact]
    public async Task Fifty_wrong_passwords_lock_the_account_and_the_right_one_is_refused_until_the_lock_lifts()
    {
        PasswordSignInResult last = PasswordSignInResult.Failed;
        for (var attempt = 0; attempt < 50; attempt++)
        {
            last = await SignInAsync(_therapist.Email, "guess-" + attempt);
            Assert.NotEqual(SignInOutcome.Succeeded, last.Outcome);
        }

        Assert.Equal(SignInOutcome.LockedOut, last.Outcome);
        Assert.Equal(5, _accounts.Get(_therapist.Id).FailedSignIns);
        Assert.Equal(_clock.GetUtcNow() + TimeSpan.FromMinutes(1), _accounts.Get(_therapist.Id).LockedUntil);

        var refused = await SignInAsync(_therapist.Email, Password);
        Assert.Equal(SignInOutcome.LockedOut, refused.Outcome);
        Assert.Null(refused.Actor);
        Assert.Equal(TimeSpan.FromMinutes(1), refused.RetryAfter);

        _clock.Advance(TimeSpan.FromSeconds(59));
        var stillRefused = await SignInAsync(_therapist.Email, Password);
        Assert.Equal(SignInOutcome.LockedOut, stillRefused.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(1), stillRefused.RetryAfter);

        _clock.Advance(TimeSpan.FromSeconds(1));
        var accepted = await SignInAsync(_therapist.Email, Password);
        Assert.Equal(SignInOutcome.Succeeded, accepted.Outcome);
        Assert.Equal(0, _accounts.Get(_therapist.Id).FailedSignIns);
        Assert.Null(_accounts.Get(_therapist.Id).LockedUntil);
        Assert.Equal(52, _audit.Events.Count(entry => entry.Action == AuditActions.SignInFailed));
    }

    [Fact]
    public async Task Each_failure_after_a_lock_lifts_doubles_the_next_lock()
    {
        for (var attempt = 0; attempt < 4; attempt++)
        {
            Assert.Equal(SignInOutcome.Failed, (await SignInAsync(_therapist.Email, "wrong")).Outcome);
        }

        var delays = new List<TimeSpan?>();
        for (var round = 0; round < 4; round++)
        {
            var locked = await SignInAsync(_therapist.Email, "wrong");
            Assert.Equal(SignInOutcome.LockedOut, locked.Outcome);
            delays.Add(locked.RetryAfter);
            _clock.Advance(locked.RetryAfter!.Value);
        }

        Assert.Equal([TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(8)], delays);
    }

    [Fact]
    public async Task An_unknown_email_and_a_wrong_password_each_verify_exactly_one_hash_and_fail_alike()
    {
        var unknown = await SignInAsync("nobody@example.org", Password);
        var unknownVerifications = _hasher.Verifications;
        var wrong = await SignInAsync(_therapist.Email, "not the password");
        var wrongVerifications = _hasher.Verifications - unknownVerifications;

        Assert.Equal(1, unknownVerifications);
        Assert.Equal(1, wrongVerifications);
        Assert.Equal(PasswordSignInResult.Failed, unknown);
        Assert.Equal(PasswordSignInResult.Failed, wrong);
        Assert.Equal(
            [("nobody@example.org", (string?)null, "unknown-email"), ("therapist@example.org", "therapist", "wrong-password")],
            _audit.Events.Select(entry => (entry.Actor, entry.ActorRole, entry.Details["reason"])).ToList());
        Assert.All(_audit.Events, entry => Assert.Equal(AuditActions.SignInFailed, entry.Action));
    }

    [Fact]
    public async Task An_empty_email_and_a_locked_account_also_verify_exactly_one_hash()
    {
        Assert.Equal(SignInOutcome.Failed, (await SignInAsync("  ", Password)).Outcome);
        Assert.Equal(1, _hasher.Verifications);

        await _accounts.LockUntilAsync(_therapist.Id, _clock.GetUtcNow().AddMinutes(5), CancellationToken.None);
        Assert.Equal(SignInOutcome.LockedOut, (await SignInAsync(_therapist.Email, Password)).Outcome);
        Assert.Equal(2, _hasher.Verifications);
    }

    [Fact]
    public async Task A_disabled_account_is_refused_with_the_right_password_and_fails_as_usual_with_a_wrong_one()
    {
        var disabled = Account("gone@example.org", Role.Admin, null) with { Disabled = true };
        _accounts.Add(disabled);

        var right = await SignInAsync(disabled.Email, Password);
        var wrong = await SignInAsync(disabled.Email, "wrong");

        Assert.Equal(new PasswordSignInResult(SignInOutcome.Disabled, null, null), right);
        Assert.Equal(PasswordSignInResult.Failed, wrong);
        Assert.Null(_accounts.LastSignInAt);
        Assert.Equal(["disabled", "wrong-password"], _audit.Events.Select(entry => entry.Details["reason"]).ToList());
    }

    [Fact]
    public async Task A_hash_in_an_older_format_is_replaced_by_a_current_one_on_sign_in()
    {
        var legacyHasher = new PasswordHasher<LocalAccount>(Options.Create(new PasswordHasherOptions { CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV2 }));
        var legacy = Account("old@example.org", Role.Researcher, null);
        legacy = legacy with { PasswordHash = legacyHasher.HashPassword(legacy, Password) };
        _accounts.Add(legacy);

        var result = await SignInAsync(legacy.Email, Password);

        Assert.Equal(SignInOutcome.Succeeded, result.Outcome);
        var stored = _accounts.Get(legacy.Id).PasswordHash;
        Assert.NotEqual(legacy.PasswordHash, stored);
        Assert.Equal(0x01, Convert.FromBase64String(stored)[0]);
        Assert.Equal(PasswordVerificationResult.Success, _hasher.VerifyHashedPassword(legacy, stored, Password));
    }

    private Task<PasswordSignInResult> SignInAsync(string email, string password) =>
        _service.SignInAsync(email, password, "192.0.2.7", CancellationToken.None);

    private LocalAccount Account(string email, Role role, Guid? therapistId)
    {
        var account = new LocalAccount(Guid.NewGuid(), email, "", role, therapistId, false, 0, null);
        return account with { PasswordHash = _hasher.HashPassword(account, Password) };
    }
}
