using System.Buffers.Binary;

namespace EmgSessions.C3d;

/// <summary>Reads 16-bit integers and 32-bit floats in the byte order and float format of one processor type.</summary>
internal readonly struct NumberFormat(C3dProcessor processor)
{
    public C3dProcessor Processor { get; } = processor;

    public bool BigEndian => Processor == C3dProcessor.Mips;

    public ushort UInt16(ReadOnlySpan<byte> bytes) =>
        BigEndian ? BinaryPrimitives.ReadUInt16BigEndian(bytes) : BinaryPrimitives.ReadUInt16LittleEndian(bytes);

    public short Int16(ReadOnlySpan<byte> bytes) =>
        BigEndian ? BinaryPrimitives.ReadInt16BigEndian(bytes) : BinaryPrimitives.ReadInt16LittleEndian(bytes);

    public float Single(ReadOnlySpan<byte> bytes) => Processor switch
    {
        C3dProcessor.Mips => BinaryPrimitives.ReadSingleBigEndian(bytes),
        C3dProcessor.Dec => VaxFloat.Decode(bytes),
        _ => BinaryPrimitives.ReadSingleLittleEndian(bytes),
    };

    public static bool IsKnown(byte processorByte) => processorByte is >= 84 and <= 86;
}
