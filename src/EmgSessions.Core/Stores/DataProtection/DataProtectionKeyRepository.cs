using System.Xml.Linq;
using EmgSessions.Core.Database;
using EmgSessions.Core.Stores.People;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Logging;

namespace EmgSessions.Core.Stores.DataProtection;

/// <summary>
/// ASP.NET Core Data Protection's key ring in the <c>data_protection_keys</c> table (migration 070), written once over
/// both engines (<see cref="PeopleDatabase"/>): a restart keeps the keys, so signed-in people stay signed in, and
/// every process on one database protects and unprotects cookies and antiforgery tokens with the same keys. The key
/// manager calls it rarely (at start, when a key is created or revoked, about once a day to refresh) and synchronously.
/// </summary>
internal sealed class DataProtectionKeyRepository(PeopleDatabase database, TimeProvider clock) : IXmlRepository, IAsyncDisposable
{
    public static DataProtectionKeyRepository Create(DatabaseOptions options, ILoggerFactory loggerFactory, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        return new(PeopleStoreFactory.OpenDatabase(options, loggerFactory.CreateLogger<DataProtectionKeyRepository>()), clock);
    }

    public IReadOnlyCollection<XElement> GetAllElements() => GetAllElementsAsync(CancellationToken.None).GetAwaiter().GetResult();

    public void StoreElement(XElement element, string friendlyName) =>
        StoreElementAsync(element, friendlyName, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Every stored element, oldest first.</summary>
    public Task<IReadOnlyCollection<XElement>> GetAllElementsAsync(CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyCollection<XElement>>(async connection =>
        {
            await using var command = PeopleDatabase.Command(connection, null, "SELECT xml FROM data_protection_keys ORDER BY created_at, friendly_name");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var elements = new List<XElement>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                elements.Add(XElement.Parse(reader.GetString(0)));
            }

            return elements;
        }, cancellationToken);

    /// <summary>
    /// Stores <paramref name="element"/> under <paramref name="friendlyName"/> (the key manager's <c>key-{id}</c>); a name
    /// already stored keeps its first element (a key's XML never changes), and an empty name gets a new unique one.
    /// </summary>
    public Task StoreElementAsync(XElement element, string? friendlyName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(element);
        var name = string.IsNullOrWhiteSpace(friendlyName) ? "element-" + Guid.NewGuid().ToString("D") : friendlyName;
        var xml = element.ToString(SaveOptions.DisableFormatting);
        return database.WriteAsync(async (connection, transaction) =>
        {
            await using var command = PeopleDatabase.Command(connection, transaction, """
                INSERT INTO data_protection_keys (friendly_name, xml, created_at) VALUES (@name, @xml, @at)
                ON CONFLICT (friendly_name) DO NOTHING
                """);
            PeopleDatabase.AddText(command, "@name", name);
            PeopleDatabase.AddText(command, "@xml", xml);
            database.AddTime(command, "@at", clock.GetUtcNow());
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    public ValueTask DisposeAsync() => database.DisposeAsync();
}
