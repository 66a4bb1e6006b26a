using EmgSessions.Core.Stores;

namespace EmgSessions.Core.Application.Sessions;

/// <summary>
/// The session list's order as every transport names it: <c>sort</c> = created | recorded | patient | status | duration |
/// file, <c>order</c> = desc (default) | asc.
/// </summary>
internal static class SessionListOrder
{
    private static readonly (string Name, SessionSort Sort)[] Names =
    [
        ("created", SessionSort.Created),
        ("recorded", SessionSort.Recorded),
        ("patient", SessionSort.Patient),
        ("status", SessionSort.Status),
        ("duration", SessionSort.Duration),
        ("file", SessionSort.File),
    ];

    /// <summary>The names <c>sort</c> accepts, in the order a form lists them.</summary>
    public static IReadOnlyList<string> SortNames { get; } = [.. Names.Select(n => n.Name)];

    public static string NameOf(SessionSort sort) => Names.First(n => n.Sort == sort).Name;

    /// <summary>Reads <c>sort</c> and <c>order</c> (either may be absent); false with the parameter and a sentence saying what is accepted.</summary>
    public static bool TryParse(string? sortText, string? orderText, out SessionSort sort, out bool ascending, out (string Parameter, string Message) error)
    {
        sort = SessionSort.Created;
        ascending = false;
        error = default;
        if (!string.IsNullOrEmpty(sortText))
        {
            var found = Names.FirstOrDefault(n => string.Equals(n.Name, sortText, StringComparison.OrdinalIgnoreCase));
            if (found.Name is null)
            {
                error = ("sort", $"sort must be one of {string.Join(", ", SortNames)} (got '{Shown(sortText)}').");
                return false;
            }

            sort = found.Sort;
        }

        if (!string.IsNullOrEmpty(orderText))
        {
            if (string.Equals(orderText, "asc", StringComparison.OrdinalIgnoreCase))
            {
                ascending = true;
            }
            else if (!string.Equals(orderText, "desc", StringComparison.OrdinalIgnoreCase))
            {
                error = ("order", $"order must be asc or desc (got '{Shown(orderText)}').");
                return false;
            }
        }

        return true;
    }

    private static string Shown(string value) => string.Concat(value.Take(40).Select(c => char.IsControl(c) ? '?' : c)) + (value.Length > 40 ? "…" : string.Empty);
}
