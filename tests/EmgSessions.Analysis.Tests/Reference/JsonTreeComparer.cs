using System.Globalization;
using System.Text.Json;

namespace EmgSessions.Analysis.Tests.Reference;

/// <summary>
/// Walks an expected JSON tree and the actual one by key name (order ignored, extra actual keys ignored):
/// strings, booleans, nulls and integers (numbers written without '.', 'e' or 'E') exactly; other numbers with
/// |a − e| ≤ tol · max(|a|, |e|), so a reference 0.0 must be 0.0. Returns every difference with its path.
/// </summary>
internal static class JsonTreeComparer
{
    public static List<string> Compare(JsonElement expected, JsonElement actual, double relativeTolerance, string path = "$")
    {
        var differences = new List<string>();
        Walk(expected, actual, relativeTolerance, path, differences);
        return differences;
    }

    private static void Walk(JsonElement expected, JsonElement actual, double tolerance, string path, List<string> differences)
    {
        if (expected.ValueKind == JsonValueKind.Number && actual.ValueKind == JsonValueKind.Number)
        {
            CompareNumbers(expected, actual, tolerance, path, differences);
            return;
        }

        if (expected.ValueKind != actual.ValueKind)
        {
            differences.Add($"{path}: expected {expected.GetRawText()}, got {actual.GetRawText()}");
            return;
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in expected.EnumerateObject())
                {
                    if (!actual.TryGetProperty(property.Name, out var other))
                    {
                        differences.Add($"{path}.{property.Name}: missing");
                        continue;
                    }

                    Walk(property.Value, other, tolerance, $"{path}.{property.Name}", differences);
                }

                break;
            case JsonValueKind.Array:
                var left = expected.EnumerateArray().ToArray();
                var right = actual.EnumerateArray().ToArray();
                if (left.Length != right.Length)
                {
                    differences.Add($"{path}: expected {left.Length} elements, got {right.Length}");
                }

                for (var i = 0; i < Math.Min(left.Length, right.Length); i++)
                {
                    Walk(left[i], right[i], tolerance, $"{path}[{i}]", differences);
                }

                break;
            case JsonValueKind.String:
                if (expected.GetString() != actual.GetString())
                {
                    differences.Add($"{path}: expected {expected.GetRawText()}, got {actual.GetRawText()}");
                }

                break;
            default:
                break;
        }
    }

    private static void CompareNumbers(JsonElement expected, JsonElement actual, double tolerance, string path, List<string> differences)
    {
        var expectedText = expected.GetRawText();
        var e = double.Parse(expectedText, CultureInfo.InvariantCulture);
        var a = actual.GetDouble();
        var isInteger = expectedText.IndexOfAny(['.', 'e', 'E']) < 0;
        var equal = isInteger ? e == a : e == a || Math.Abs(a - e) <= tolerance * Math.Max(Math.Abs(a), Math.Abs(e));
        if (!equal)
        {
            var relative = e == 0 ? double.PositiveInfinity : Math.Abs(a - e) / Math.Abs(e);
            differences.Add($"{path}: expected {expectedText}, got {actual.GetRawText()} (relative {relative:E2})");
        }
    }
}
