using EmgSessions.Core.Storage;

namespace EmgSessions.Core.Tests.Storage;

public sealed class ObjectStorageFactoryTests
{
    [Fact]
    public void A_local_spec_gives_a_folder_storage_at_that_directory()
    {
        var storage = ObjectStorageFactory.Create("local:/tmp/emgs-factory", null);

        var local = Assert.IsType<LocalFolderStorage>(storage);
        Assert.Equal("/tmp/emgs-factory", local.Root);
    }

    [Fact]
    public void No_spec_means_the_default_folder_under_data()
    {
        var local = Assert.IsType<LocalFolderStorage>(ObjectStorageFactory.Create((string?)null, null));

        Assert.Equal(Path.GetFullPath("./data/storage"), local.Root);
    }

    [Fact]
    public void A_supabase_spec_with_a_key_gives_the_supabase_client()
    {
        using var storage = Assert.IsType<SupabaseStorage>(ObjectStorageFactory.Create("supabase:https://abc.supabase.co", "key"));

        Assert.Equal("supabase", storage.Kind);
    }

    [Theory]
    [InlineData("supabase:https://abc.supabase.co", null)]
    [InlineData("supabase:not a url", "key")]
    [InlineData("s3://bucket", "key")]
    [InlineData("local:", null)]
    public void Rejects_specs_it_cannot_serve(string spec, string? key)
    {
        Assert.Throws<ArgumentException>(() => ObjectStorageFactory.Create(spec, key));
    }
}
