using Spectre.Console.Cli;

namespace EmgSessions.Cli;

/// <summary>
/// The smallest type registrar Spectre.Console.Cli accepts: no container, no scan. Commands are made with their one
/// constructor argument, the run's <see cref="CliConsole"/>; settings and Spectre's own types with their parameterless
/// constructor; interfaces only from what Spectre registered (all of them for an <c>IEnumerable</c>).
/// </summary>
internal sealed class CliTypeRegistrar(CliConsole console) : ITypeRegistrar, ITypeResolver
{
    private readonly Dictionary<Type, List<Func<object>>> _registered = [];

    public void Register(Type service, Type implementation)
    {
        ArgumentNullException.ThrowIfNull(service);
        Add(service, () => Create(implementation));
    }

    public void RegisterInstance(Type service, object implementation)
    {
        ArgumentNullException.ThrowIfNull(service);
        Add(service, () => implementation);
    }

    public void RegisterLazy(Type service, Func<object> factory)
    {
        ArgumentNullException.ThrowIfNull(service);
        Add(service, factory);
    }

    public ITypeResolver Build() => this;

    public object? Resolve(Type? type)
    {
        if (type is null)
        {
            return null;
        }

        if (_registered.TryGetValue(type, out var factories))
        {
            return factories[^1]();
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>))
        {
            var element = type.GetGenericArguments()[0];
            var all = _registered.TryGetValue(element, out var each) ? each : [];
            var array = Array.CreateInstance(element, all.Count);
            for (var i = 0; i < all.Count; i++)
            {
                array.SetValue(all[i](), i);
            }

            return array;
        }

        return type.IsAbstract || type.IsInterface ? null : Create(type);
    }

    private void Add(Type service, Func<object> factory)
    {
        if (!_registered.TryGetValue(service, out var factories))
        {
            _registered[service] = factories = [];
        }

        factories.Add(factory);
    }

    private object Create(Type type) =>
        type.GetConstructor([typeof(CliConsole)]) is { } withConsole
            ? withConsole.Invoke([console])
            : Activator.CreateInstance(type) ?? throw new InvalidOperationException($"Cannot create {type.Name}.");
}
