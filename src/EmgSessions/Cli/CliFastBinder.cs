using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Spectre.Console.Cli;

namespace EmgSessions.Cli;

/// <summary>
/// Binds a plain command line (<c>FILE --flag --name value</c>) to a settings class from the same
/// <see cref="CommandOptionAttribute"/> and <see cref="CommandArgumentAttribute"/> Spectre.Console.Cli reads, without
/// Spectre's model, type converters and console (about 30 ms of CPU at start-up, BENCHMARKS.md). It binds only what it
/// fully understands: string, bool and string[] properties, long options, positionals in order. Anything else (help,
/// <c>--name=value</c>, <c>--</c>, short or unknown options, a missing value, too many arguments) answers null and the
/// caller lets Spectre parse, so errors and help always come from Spectre.
/// </summary>
internal static class CliFastBinder
{
    /// <summary>The settings <paramref name="args"/> (without the verb) give, or null when Spectre must decide.</summary>
    public static TSettings? TryBind<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TSettings>(IReadOnlyList<string> args)
        where TSettings : CommandSettings, new()
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new Dictionary<string, PropertyInfo>(StringComparer.Ordinal);
        var positionals = new SortedList<int, PropertyInfo>();
        foreach (var property in typeof(TSettings).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.PropertyType != typeof(string) && property.PropertyType != typeof(bool) && property.PropertyType != typeof(string[]))
            {
                return null;
            }

            if (property.GetCustomAttribute<CommandOptionAttribute>() is { } option)
            {
                if (option.ShortNames.Count > 0 || option.ValueIsOptional)
                {
                    return null;
                }

                foreach (var name in option.LongNames)
                {
                    options["--" + name] = property;
                }
            }
            else if (property.GetCustomAttribute<CommandArgumentAttribute>() is { } argument)
            {
                positionals.Add(argument.Position, property);
            }
        }

        return Bind(new TSettings(), args, options, positionals.Values);
    }

    private static TSettings? Bind<TSettings>(TSettings settings, IReadOnlyList<string> args, Dictionary<string, PropertyInfo> options, IList<PropertyInfo> positionals)
        where TSettings : CommandSettings
    {
        var arrays = new Dictionary<PropertyInfo, List<string>>();
        var next = 0;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg.StartsWith('-'))
            {
                if (!options.TryGetValue(arg, out var option))
                {
                    return null;
                }

                if (option.PropertyType == typeof(bool))
                {
                    option.SetValue(settings, true);
                    continue;
                }

                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    return null;
                }

                Set(settings, option, args[++i], arrays);
            }
            else if (next < positionals.Count)
            {
                Set(settings, positionals[next], arg, arrays);
                if (positionals[next].PropertyType != typeof(string[]))
                {
                    next++;
                }
            }
            else
            {
                return null;
            }
        }

        foreach (var (property, values) in arrays)
        {
            property.SetValue(settings, values.ToArray());
        }

        return settings.Validate().Successful ? settings : null;
    }

    private static void Set(object settings, PropertyInfo property, string value, Dictionary<PropertyInfo, List<string>> arrays)
    {
        if (property.PropertyType == typeof(string[]))
        {
            if (!arrays.TryGetValue(property, out var list))
            {
                arrays[property] = list = [];
            }

            list.Add(value);
        }
        else
        {
            property.SetValue(settings, value);
        }
    }
}
