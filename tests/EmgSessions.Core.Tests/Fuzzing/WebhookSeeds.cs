using EmgSessions.Core.Tests.Webhooks;

namespace EmgSessions.Core.Tests.Fuzzing;

/// <summary>Valid webhook bodies of both formats (system.md §3.1), the starting points of the fuzzer.</summary>
internal static class WebhookSeeds
{
    public static IReadOnlyList<byte[]> All { get; } =
    [
        WebhookPayloads.Supabase("INSERT", "c3d-examples", "P005/session1/Ghostly_Emg_20230321_17-50-17-0881.c3d"),
        WebhookPayloads.Supabase("UPDATE", "c3d-examples", "P012/s2/Ghostly_Emg_20250310_11-46-23-0823.c3d", size: 2_345_678),
        WebhookPayloads.Supabase("INSERT", "c3d-examples", "clinic-a/recording.C3D", size: null),
        WebhookPayloads.Supabase("DELETE", "c3d-examples", "P005/a.c3d"),
        WebhookPayloads.Supabase("INSERT", "other-bucket", "P005/notes.txt"),
        WebhookPayloads.Legacy("ObjectCreated:Post", "c3d-examples", "P005/session1/Ghostly_Emg_20230321_17-23-09-0409.c3d"),
        WebhookPayloads.Legacy("storage-object-uploaded", "c3d-examples", "a.c3d", size: null),
        WebhookPayloads.Utf8("""{"eventType":"storage-object-created","bucket":"c3d-examples","objectName":"P1/x/y.c3d","objectSize":"1024"}"""),
        WebhookPayloads.Utf8("""{"type":"INSERT","table":"objects","schema":"storage","record":{"bucket_id":"c3d-examples","name":"P7/s/f.c3d","metadata":{"size":"88","mimetype":null}},"old_record":null,"new_field":[1,{"x":null}]}"""),
    ];
}
