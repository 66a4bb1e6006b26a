using System.Runtime.InteropServices;

namespace EmgSessions.C3d;

public static partial class C3dReader
{
    /// <summary>
    /// The analog samples of every frame (after the frame's point words, sample-major: s0c0, s0c1, …) into one array per
    /// channel (channels left empty are not decoded): (raw − offset) × factor. One pass per channel over each frame's analog block, so each channel array is
    /// written sequentially; little-endian IEEE floats (Intel) are read straight from the bytes.
    /// </summary>
    private static void DecodeAnalog<TSample>(ReadOnlySpan<byte> data, DataLayout layout, int pointBytes, double[][] channels)
        where TSample : struct, ISample
    {
        var channelCount = channels.Length;
        var spf = layout.SamplesPerFrame;
        if (channelCount == 0 || spf == 0)
        {
            return;
        }

        var size = TSample.Size;
        var frames = (int)layout.Frames;
        var frameSize = (int)layout.FrameSize;
        var analogBytes = spf * channelCount * size;
        var unsigned = layout.Storage == C3dStorage.Integer && layout.AnalogUnsigned;
        var offsets = layout.Offsets;
        var factors = layout.Factors;
        var directFloats = typeof(TSample) == typeof(IntelFloat) && BitConverter.IsLittleEndian;
        for (var f = 0; f < frames; f++)
        {
            var analog = data.Slice((f * frameSize) + pointBytes, analogBytes);
            var sampleBase = f * spf;
            for (var c = 0; c < channelCount; c++)
            {
                if (channels[c].Length == 0)
                {
                    continue; // not selected
                }

                var destination = channels[c].AsSpan(sampleBase, spf);
                var offset = offsets[c];
                var factor = factors[c];
                if (directFloats)
                {
                    var floats = MemoryMarshal.Cast<byte, float>(analog);
                    for (int s = 0, k = c; s < destination.Length; s++, k += channelCount)
                    {
                        destination[s] = (floats[k] - offset) * factor;
                    }

                    continue;
                }

                for (var s = 0; s < destination.Length; s++)
                {
                    var raw = TSample.Read(analog.Slice(((s * channelCount) + c) * size, size));
                    if (unsigned && raw < 0)
                    {
                        raw += 65536;
                    }

                    destination[s] = (raw - offset) * factor;
                }
            }
        }
    }
}
