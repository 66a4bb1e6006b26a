namespace EmgSessions.Core.Storage;

/// <summary>Where the bucket lives and how its client behaves (section <c>Storage</c>).</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public const string DefaultSpec = "local:./data/storage";

    /// <summary><c>local:DIR</c> (bucket = sub-folder) or <c>supabase:https://&lt;project&gt;.supabase.co</c>.</summary>
    public string Spec { get; set; } = DefaultSpec;

    /// <summary>The Supabase service key (<c>EMGS_STORAGE_KEY</c>); needed for <c>supabase:</c>.</summary>
    public string? ServiceKey { get; set; }

    /// <summary>Time allowed for one Supabase request, body included.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Objects asked for per page when listing a Supabase bucket.</summary>
    public int ListPageSize { get; set; } = 1000;

    /// <summary>Problems with these options (the spec and the key, checked without any I/O); empty when usable.</summary>
    public IReadOnlyList<string> Check()
    {
        try
        {
            // Creating a client checks the spec and the key.
            var storage = ObjectStorageFactory.Create(this);
            (storage as IDisposable)?.Dispose();
            return [];
        }
        catch (ArgumentException ex)
        {
            return ["Storage:Spec: " + ex.Message.Split(" (Parameter", 2)[0]];
        }
    }
}
