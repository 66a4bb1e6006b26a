using System.Reflection;
using EmgSessions.Core.Caching;
using EmgSessions.Hosting;
using EmgSessions.Tests.EndToEnd;
using Microsoft.Extensions.Options;

namespace EmgSessions.Tests.Hosting;

/// <summary>
/// One options convention: every options class names its section in <c>Section</c>, says what is wrong with itself in
/// <c>Check()</c>, and is bound and checked when the host starts (<c>AddCheckedOptions</c>, ValidateOnStart).
/// </summary>
public sealed class OptionsConventionTests
{
    /// <summary>
    /// Options classes outside the convention, and why: the analysis options are a JSON document of the pure Analysis
    /// project (emg-analysis.md names), the Supabase options are read from <c>EMGS_SUPABASE_*</c> by the auth scheme, and
    /// the load-test options are command-line values of one run.
    /// </summary>
    private static readonly string[] Exceptions = ["AnalysisOptions", "SupabaseAuthOptions", "LoadTestOptions"];

    [Fact]
    public void Every_options_class_names_its_section_and_checks_itself()
    {
        var types = new[] { typeof(ServerHost).Assembly, typeof(CacheOptions).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => t.IsClass && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null)
            .Where(t => t.Name.EndsWith("Options", StringComparison.Ordinal) && !Exceptions.Contains(t.Name))
            .ToList();

        Assert.Contains(types, t => t.Name == "WebhookOptions");
        Assert.All(types, t =>
        {
            var section = t.GetField("Section", BindingFlags.Public | BindingFlags.Static);
            Assert.True(section is { IsLiteral: true } && section.FieldType == typeof(string), $"{t.Name} has no const string Section.");
            var check = t.GetMethod("Check", BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes);
            Assert.True(check is not null && typeof(IEnumerable<string>).IsAssignableFrom(check.ReturnType), $"{t.Name} has no Check() returning its problems.");
        });
    }

    [Theory]
    [InlineData("Upload:MaxConcurrentAnalyses", "0", "Upload:MaxConcurrentAnalyses must be between 1 and 1024")]
    [InlineData("Cache:TtlDays", "-1", "Cache:TtlDays must be above 0")]
    [InlineData("Reconciler:MaxParallelism", "0", "Reconciler:MaxParallelism must be at least 1")]
    [InlineData("Ingestion:SpoolDirectory", " ", "Ingestion:SpoolDirectory must not be empty")]
    public async Task A_bad_value_stops_the_host_at_start_with_the_options_own_message(string key, string value, string message)
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            EndToEndServer.StartAsync(null, new Dictionary<string, string?> { [key] = value, ["Workers:Count"] = "0" }));

        Assert.Contains(failure.Failures, f => f.StartsWith(message, StringComparison.Ordinal));
    }
}
