namespace EmgSessions.Core.Stores;

/// <summary>
/// The engine-neutral part of Phase 1 (system.md §3.4), made once for both stores: after an insert that conflicted,
/// the rows found by path and by hash decide the case; the retry policy when rows change under the decision.
/// </summary>
internal static class RegistrationDecision
{
    /// <summary>How many times a registration is decided before it gives up (a conflict or a vanished row starts again).</summary>
    public const int MaxAttempts = 5;

    /// <param name="fileHash">The uploaded content's hash.</param>
    /// <param name="samePath">The session with the upload's path (its <see cref="ExistingSession.Value"/> is its hash).</param>
    /// <param name="sameHash">The session with the upload's hash (its <see cref="ExistingSession.Value"/> is its path).</param>
    public static RegistrationStep Decide(string fileHash, ExistingSession? samePath, ExistingSession? sameHash)
    {
        if (samePath is { } path && string.Equals(path.Value, fileHash, StringComparison.Ordinal))
        {
            return RegistrationStep.AlreadyRegistered;
        }

        // Content known under another path (also when a path is overwritten with content another session already
        // has: file_hash stays unique, the other session is the answer).
        if (sameHash is not null)
        {
            return RegistrationStep.DuplicateContent;
        }

        return samePath is null ? RegistrationStep.Vanished : RegistrationStep.Overwrite;
    }

    /// <summary>
    /// Runs <paramref name="attempt"/> (one transaction; null when the conflicting row vanished) until it decides,
    /// again after a unique violation (<paramref name="isConflict"/>) or a vanished row, at most <see cref="MaxAttempts"/> times.
    /// </summary>
    public static async Task<SessionRegistration> RegisterAsync(string filePath, Func<Task<SessionRegistration?>> attempt, Func<Exception, bool> isConflict)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(isConflict);
        for (var attempts = 1; ; attempts++)
        {
            try
            {
                if (await attempt().ConfigureAwait(false) is { } registration)
                {
                    return registration;
                }
            }
            catch (Exception ex) when (attempts < MaxAttempts && isConflict(ex))
            {
                // Another process changed the rows between our statements: decide again.
            }

            if (attempts >= MaxAttempts)
            {
                throw new InvalidOperationException(
                    $"Could not register {filePath}: the rows of that path or content kept changing during {MaxAttempts} attempts; send the upload again.");
            }
        }
    }
}
