namespace EmgSessions.Cli;

/// <summary>
/// The action word of a verb made of actions (<c>users add|list|…</c>, <c>patients list|add|assign</c>) and how many
/// positional arguments each action takes, checked once for every such verb: a missing or unknown action and a wrong
/// count of arguments are usage errors that name the choices.
/// </summary>
/// <param name="Choices">The actions as the messages name them, e.g. "list, add CODE or assign CODE EMAIL".</param>
/// <param name="Actions">Each action's count of positional arguments and the message when another count is given.</param>
internal sealed record CliAction(string Choices, IReadOnlyDictionary<string, (int Arguments, string Problem)> Actions)
{
    /// <summary>The action, once it is known and the positional <paramref name="arguments"/> given (not null) are as many as it takes.</summary>
    /// <exception cref="CliUsageException">The action is missing or unknown, or takes another count of arguments.</exception>
    public string Parse(string? action, params string?[] arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (action is null)
        {
            throw new CliUsageException($"Say {Choices}.");
        }

        if (!Actions.TryGetValue(action, out var rule))
        {
            throw new CliUsageException($"Unknown action '{action}'; say {Choices}.");
        }

        return arguments.Count(a => a is not null) == rule.Arguments ? action : throw new CliUsageException(rule.Problem);
    }
}
