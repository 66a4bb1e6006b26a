using System.Globalization;
using System.Security.Cryptography;
using System.Xml.Linq;
using EmgSessions.Core.Database;
using EmgSessions.Core.Stores.DataProtection;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EmgSessions.Core.Tests.Stores.DataProtection;

/// <summary>
/// The Data Protection key ring in <c>data_protection_keys</c> (migration 070), run on both engines by the subclasses:
/// what one repository stores another on the same database reads, and a payload protected by one key ring (one
/// process) is unprotected by a second one built over the same database.
/// </summary>
public abstract class DataProtectionKeyRepositoryTests(TestDatabases databases)
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Elements_stored_by_one_repository_are_read_by_another_oldest_first_and_a_stored_name_keeps_its_first_element()
    {
        var spec = await databases.NewMigratedDatabaseAsync();
        await using var writer = Repository(spec);
        await using var reader = Repository(spec);

        writer.StoreElement(new XElement("key", new XAttribute("id", "a"), "first ✓"), "key-a");
        _clock.Advance(TimeSpan.FromSeconds(1));
        writer.StoreElement(new XElement("key", new XAttribute("id", "b")), "key-b");
        writer.StoreElement(new XElement("key", new XAttribute("id", "a"), "changed"), "key-a");
        _clock.Advance(TimeSpan.FromSeconds(1));
        writer.StoreElement(new XElement("revocation"), string.Empty);
        var elements = reader.GetAllElements();

        Assert.Equal(["key a first ✓", "key b ", "revocation  "], elements.Select(e => $"{e.Name} {e.Attribute("id")?.Value} {e.Value}"));
        Assert.Equal(3L, Convert.ToInt64(await databases.ScalarAsync(spec, "SELECT count(*) FROM data_protection_keys"), CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_payload_protected_by_one_key_ring_is_unprotected_by_a_second_key_ring_on_the_same_database()
    {
        var spec = await databases.NewMigratedDatabaseAsync();
        await using var first = KeyRing(spec);
        await using var second = KeyRing(spec);

        var protectedText = first.GetRequiredService<IDataProtectionProvider>().CreateProtector("emgs.test").Protect("therapist@example.org");
        var unprotected = second.GetRequiredService<IDataProtectionProvider>().CreateProtector("emgs.test").Unprotect(protectedText);

        Assert.Equal("therapist@example.org", unprotected);
        Assert.Equal(1L, Convert.ToInt64(await databases.ScalarAsync(spec, "SELECT count(*) FROM data_protection_keys"), CultureInfo.InvariantCulture));
        Assert.Throws<CryptographicException>(() => second.GetRequiredService<IDataProtectionProvider>().CreateProtector("another purpose").Unprotect(protectedText));
    }

    [Fact]
    public async Task A_database_without_migration_070_fails_to_read_the_key_ring_instead_of_answering_no_keys()
    {
        var spec = await databases.NewEmptyDatabaseAsync();
        await using var repository = Repository(spec);

        var error = Assert.ThrowsAny<Exception>(() => repository.GetAllElements());
        Assert.Contains("data_protection_keys", error.Message, StringComparison.Ordinal);
    }

    private DataProtectionKeyRepository Repository(string spec) =>
        DataProtectionKeyRepository.Create(DatabaseOptions.Parse(spec), NullLoggerFactory.Instance, _clock);

    /// <summary>What one process registers: Data Protection with the shared application name over its own repository.</summary>
    private ServiceProvider KeyRing(string spec)
    {
        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName("EmgSessions").PersistKeysToDatabase(_ => Repository(spec));
        return services.BuildServiceProvider();
    }
}
