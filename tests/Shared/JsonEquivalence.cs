using System.Text.Json;

namespace EmgSessions.Testing;

/// <summary>
/// JSON equality by meaning: objects by key (PostgreSQL's JSONB reorders keys), numbers by their double
/// value (JSONB rewrites 7.3E-05 as 0.000073), everything else exactly. Fails with the path of the first difference.
/// </summary>
internal static class JsonEquivalence
{
    public static void AssertEquivalent(JsonElement expected, JsonElement actual, string path = "$")
    {
        if (expected.ValueKind is JsonValueKind.True or JsonValueKind.False && actual.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            Assert.True(expected.GetBoolean() == actual.GetBoolean(), $"{path}: {expected} != {actual}");
            return;
        }

        Assert.True(expected.ValueKind == actual.ValueKind, $"{path}: {expected.ValueKind} != {actual.ValueKind}");
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var names = expected.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();
                Assert.True(names.SequenceEqual(actual.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)), $"{path}: keys differ");
                foreach (var name in names)
                {
                    AssertEquivalent(expected.GetProperty(name), actual.GetProperty(name), $"{path}.{name}");
                }

                break;
            case JsonValueKind.Array:
                Assert.True(expected.GetArrayLength() == actual.GetArrayLength(), $"{path}: lengths differ");
                var i = 0;
                foreach (var (e, a) in expected.EnumerateArray().Zip(actual.EnumerateArray()))
                {
                    AssertEquivalent(e, a, $"{path}[{i++}]");
                }

                break;
            case JsonValueKind.Number:
                Assert.True(expected.GetDouble() == actual.GetDouble(), $"{path}: {expected.GetRawText()} != {actual.GetRawText()}");
                break;
            case JsonValueKind.String:
                Assert.True(expected.GetString() == actual.GetString(), $"{path}: '{expected.GetString()}' != '{actual.GetString()}'");
                break;
        }
    }
}
