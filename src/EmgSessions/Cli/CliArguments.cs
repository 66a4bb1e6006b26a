using System.Globalization;

namespace EmgSessions.Cli;

/// <summary>
/// Parsed arguments of one verb: positionals, boolean flags and value options (<c>--name value</c> or
/// <c>--name=value</c>; repeatable). Unknown options are a usage error.
/// </summary>
internal sealed class CliArguments
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    private CliArguments(IReadOnlyList<string> positionals) => Positionals = positionals;

    public IReadOnlyList<string> Positionals { get; }

    public bool Flag(string name) => _flags.Contains(name);

    public string? Value(string name) => _values.TryGetValue(name, out var list) ? list[^1] : null;

    public IReadOnlyList<string> Values(string name) => _values.TryGetValue(name, out var list) ? list : [];

    public bool Has(string name) => _flags.Contains(name) || _values.ContainsKey(name);

    /// <summary>The integer value of option <paramref name="name"/>, or <paramref name="fallback"/> when absent.</summary>
    /// <exception cref="CliUsageException">The value is not an integer from <paramref name="min"/> to <paramref name="max"/>.</exception>
    public int Int(string name, int fallback, int min, int max)
    {
        var text = Value(name);
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new CliUsageException($"--{name} must be an integer between {min} and {max}.");
    }

    /// <summary>Parses <paramref name="args"/> against the options <paramref name="command"/> declares.</summary>
    /// <exception cref="CliUsageException">An unknown option, or a value option without its value.</exception>
    public static CliArguments Parse(IReadOnlyList<string> args, ICliCommand command)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(command);
        var positionals = new List<string>();
        var parsed = new CliArguments(positionals);
        var onlyPositionals = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (onlyPositionals || !arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                if (arg == "--" && !onlyPositionals)
                {
                    onlyPositionals = true;
                    continue;
                }

                positionals.Add(arg);
                continue;
            }

            var body = arg[2..];
            string? inlineValue = null;
            var equals = body.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                inlineValue = body[(equals + 1)..];
                body = body[..equals];
            }

            if (command.Flags.Contains(body))
            {
                if (inlineValue is not null)
                {
                    throw new CliUsageException($"Option --{body} takes no value.");
                }

                parsed._flags.Add(body);
            }
            else if (command.ValueOptions.Contains(body))
            {
                var value = inlineValue;
                if (value is null)
                {
                    if (i + 1 >= args.Count)
                    {
                        throw new CliUsageException($"Option --{body} needs a value.");
                    }

                    value = args[++i];
                }

                if (!parsed._values.TryGetValue(body, out var list))
                {
                    parsed._values[body] = list = [];
                }

                list.Add(value);
            }
            else
            {
                throw new CliUsageException($"Unknown option --{body} for 'emgs {command.Name}'.");
            }
        }

        return parsed;
    }
}
