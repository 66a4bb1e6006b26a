using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EmgSessions.Core;

/// <summary>Binds an options class to its section and validates it on start with the class's own messages.</summary>
public static class CheckedOptions
{
    /// <summary>
    /// Binds <typeparamref name="T"/> to <paramref name="section"/> (defaults when null) and fails start-up with the
    /// messages <paramref name="check"/> returns. Adding the same options twice adds one validator.
    /// </summary>
    public static OptionsBuilder<T> AddCheckedOptions<T>(this IServiceCollection services, IConfiguration? section, Func<T, IEnumerable<string>> check)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<T>>(new Validator<T>(check)));
        var builder = services.AddOptions<T>();
        if (section is not null)
        {
            builder.Bind(section);
        }

        return builder.ValidateOnStart();
    }

    private sealed class Validator<T>(Func<T, IEnumerable<string>> check) : IValidateOptions<T>
        where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var problems = check(options).ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
