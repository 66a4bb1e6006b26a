namespace EmgSessions.C3d;

/// <summary>The file's layout cannot be determined. <see cref="Offset"/> is the byte where the problem lies.</summary>
public sealed class C3dFormatException : Exception
{
    public C3dFormatException(long offset, string problem)
        : this(offset, problem, null)
    {
    }

    /// <summary>The problem at <paramref name="offset"/> (−1 when no byte is to blame), with the failure that revealed it.</summary>
    public C3dFormatException(long offset, string problem, Exception? innerException)
        : base(Describe(offset, problem), innerException)
    {
        Offset = offset;
        Problem = problem;
    }

    public C3dFormatException()
        : base("Not a readable C3D file.")
    {
        Problem = "unknown";
    }

    public C3dFormatException(string message)
        : base(message)
    {
        Problem = message;
    }

    public C3dFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problem = message;
    }

    /// <summary>Byte offset in the file where the problem was found; −1 when no byte is to blame.</summary>
    public long Offset { get; } = -1;

    /// <summary>What was wrong, without the offset.</summary>
    public string Problem { get; }

    /// <summary>The problem and where it lies, said once: "the file is 300 bytes long, … (at byte 0)".</summary>
    public string Detail => Offset >= 0 ? $"{Problem} (at byte {Offset})" : Problem;

    private static string Describe(long offset, string problem) =>
        offset >= 0 ? $"Not a readable C3D file: {problem} (at byte {offset})." : $"Not a readable C3D file: {problem}.";
}
