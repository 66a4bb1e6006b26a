namespace EmgSessions.Core.Application;

/// <summary>
/// The answer of an application service to one actor: a value when <see cref="Kind"/> is <see cref="AnswerKind.Ok"/>,
/// otherwise a title and a detail that say what was wrong and what to do (shown as they are by every transport).
/// A conflict may still carry a value describing the state that caused it.
/// </summary>
internal sealed record Answer<T>(AnswerKind Kind, T? Value, string Title = "", string Detail = "")
{
    public bool IsOk => Kind == AnswerKind.Ok;

    public static Answer<T> Ok(T value) => new(AnswerKind.Ok, value);

    public static Answer<T> Invalid(string title, string detail) => new(AnswerKind.Invalid, default, title, detail);

    public static Answer<T> NotFound(string title, string detail) => new(AnswerKind.NotFound, default, title, detail);

    public static Answer<T> Forbidden(string permission) => new(
        AnswerKind.Forbidden, default, "Forbidden", $"Your role may not use this ({permission}); ask an administrator if you need it.");

    public static Answer<T> Conflict(string title, string detail, T? state = default) => new(AnswerKind.Conflict, state, title, detail);

    /// <summary>The same failure as another answer's, for a value of another type.</summary>
    public static Answer<T> From<TOther>(Answer<TOther> failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure.IsOk
            ? throw new ArgumentException("Only a failed answer can be carried over.", nameof(failure))
            : new(failure.Kind, default, failure.Title, failure.Detail);
    }
}
