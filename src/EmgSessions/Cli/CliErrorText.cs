namespace EmgSessions.Cli;

/// <summary>What went wrong, in one line a user reads (shared by <c>emgs</c> and its Native AOT front-end).</summary>
internal static class CliErrorText
{
    /// <summary>The innermost useful message, without .NET's "(Parameter 'x')" suffix.</summary>
    public static string OneLine(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var inner = exception;
        while (inner is AggregateException or System.Reflection.TargetInvocationException && inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        var message = inner is ArgumentException { ParamName: { } name } argument
            ? argument.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal)
            : inner.Message;
        var line = string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length == 0 ? inner.GetType().Name : line;
    }
}
