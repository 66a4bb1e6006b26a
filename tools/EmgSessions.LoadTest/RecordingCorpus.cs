using System.Globalization;
using EmgSessions.C3d.Synthetic;

namespace EmgSessions.LoadTesting;

/// <summary>
/// The recordings of a load test: synthetic GHOSTLY files (different seeds, 1–3 MB) written into a local
/// storage root under <c>c3d-examples/Pnnn/sessionK/Ghostly_Emg_....c3d</c>, as the game uploads them.
/// </summary>
internal sealed class RecordingCorpus
{
    public const string Bucket = "c3d-examples";

    /// <summary>Bytes of one second of a default synthetic recording (one point, four analog channels, float).</summary>
    private const double BytesPerSecond = 33 * ((4 * 4) + (4 * 30 * 4));

    private RecordingCorpus(string storageRoot, IReadOnlyList<CorpusFile> files)
    {
        StorageRoot = storageRoot;
        Files = files;
    }

    /// <summary>The folder given to <c>--storage local:DIR</c>.</summary>
    public string StorageRoot { get; }

    public IReadOnlyList<CorpusFile> Files { get; }

    public long TotalBytes => Files.Sum(f => f.Bytes);

    public static RecordingCorpus Create(string storageRoot, int count, long minBytes, long maxBytes, int seed)
    {
        var random = new Random(seed);
        var plan = Enumerable.Range(0, count).Select(i =>
        {
            var bytes = minBytes + (long)(random.NextDouble() * (maxBytes - minBytes));
            var duration = Math.Round(bytes / BytesPerSecond, 1);
            var start = new DateTime(2025, 1, 1, 8, 0, 0, DateTimeKind.Unspecified).AddMinutes(i * 7L + random.Next(7));
            var key = string.Create(
                CultureInfo.InvariantCulture,
                $"P{(i % 40) + 1:000}/session{(i / 40) + 1}/Ghostly_Emg_{start:yyyyMMdd_HH-mm-ss}-{i % 10000:0000}.c3d");
            return (Index: i, Key: key, Duration: duration, Start: start);
        }).ToArray();

        var files = new CorpusFile[count];
        Parallel.ForEach(plan, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, p =>
        {
            var recording = SyntheticGhostlyRecording.Create(new SyntheticGhostlyOptions
            {
                Seed = (ulong)((seed * 1_000_003L) + p.Index + 1),
                DurationSeconds = p.Duration,
                ContractionsPerChannel = (int)Math.Clamp(p.Duration / 6, 1, 12),
                StartTime = p.Start,
            });
            var path = Path.Combine(storageRoot, Bucket, p.Key.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, recording.Bytes);
            files[p.Index] = new CorpusFile(p.Key, recording.Bytes.LongLength);
        });
        return new RecordingCorpus(storageRoot, files);
    }
}
