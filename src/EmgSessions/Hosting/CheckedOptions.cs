using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EmgSessions.Hosting;

/// <summary>Binds an options class to its section and validates it on start with the class's own messages.</summary>
internal static class CheckedOptions
{
    public static OptionsBuilder<T> AddCheckedOptions<T>(this IServiceCollection services, IConfiguration section, Func<T, IEnumerable<string>> check)
        where T : class
    {
        services.AddSingleton<IValidateOptions<T>>(new Validator<T>(check));
        return services.AddOptions<T>().Bind(section).ValidateOnStart();
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
