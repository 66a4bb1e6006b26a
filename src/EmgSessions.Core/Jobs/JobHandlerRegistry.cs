using System.Collections.Frozen;

namespace EmgSessions.Core.Jobs;

/// <summary>The job handlers of this process, one per kind: two handlers for one kind are refused when it is built.</summary>
public sealed class JobHandlerRegistry
{
    private readonly FrozenDictionary<string, IJobHandler> _handlers;

    public JobHandlerRegistry(IEnumerable<IJobHandler> handlers)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        var byKind = new Dictionary<string, IJobHandler>(StringComparer.Ordinal);
        foreach (var handler in handlers)
        {
            if (string.IsNullOrWhiteSpace(handler.Kind))
            {
                throw new InvalidOperationException($"The job handler {handler.GetType().Name} names no kind: give it the kind it runs (e.g. \"process-session\").");
            }

            if (!byKind.TryAdd(handler.Kind, handler))
            {
                throw new InvalidOperationException(
                    $"Two job handlers for the kind '{handler.Kind}': {byKind[handler.Kind].GetType().Name} and {handler.GetType().Name}. Register one handler per kind.");
            }
        }

        _handlers = byKind.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The kinds this process runs, sorted.</summary>
    public IReadOnlyList<string> Kinds => [.. _handlers.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The handler of <paramref name="kind"/>; null when this process has none.</summary>
    public IJobHandler? Find(string kind) => _handlers.GetValueOrDefault(kind);
}
