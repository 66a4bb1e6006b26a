using System.Text.Json;

namespace EmgSessions.Analysis.Tests.Reference;

public sealed class JsonTreeComparerTests
{
    private static List<string> Compare(string expected, string actual, double tolerance = 1e-9)
    {
        using var e = JsonDocument.Parse(expected);
        using var a = JsonDocument.Parse(actual);
        return JsonTreeComparer.Compare(e.RootElement, a.RootElement, tolerance);
    }

    [Fact]
    public void Accepts_floats_within_the_relative_tolerance_and_ignores_key_order_and_extra_keys()
    {
        Assert.Empty(Compare("""{"a": 1.0000000001, "b": [true, null, "x"]}""", """{"b": [true, null, "x"], "a": 1, "extra": 3}"""));
    }

    [Theory]
    [InlineData("""{"a": 1.0}""", """{"a": 1.00000001}""", "$.a")]
    [InlineData("""{"a": 0.0}""", """{"a": 1e-300}""", "$.a")]
    [InlineData("""{"n": 349}""", """{"n": 349.0000000001}""", "$.n")]
    [InlineData("""{"s": "CH1"}""", """{"s": "CH2"}""", "$.s")]
    [InlineData("""{"b": false}""", """{"b": true}""", "$.b")]
    [InlineData("""{"x": null}""", """{"x": 0}""", "$.x")]
    [InlineData("""{"l": [1, 2]}""", """{"l": [1]}""", "$.l")]
    [InlineData("""{"k": 1}""", """{}""", "$.k")]
    public void Reports_each_kind_of_difference_with_its_path(string expected, string actual, string path)
    {
        var differences = Compare(expected, actual);

        Assert.Single(differences);
        Assert.StartsWith(path, differences[0], StringComparison.Ordinal);
    }
}
