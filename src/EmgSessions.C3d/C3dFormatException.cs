namespace EmgSessions.C3d;

/// <summary>The file's layout cannot be determined. <see cref="Offset"/> is the byte where the problem lies.</summary>
public sealed class C3dFormatException : Exception
{
    public C3dFormatException(long offset, string problem)
        : base($"Not a readable C3D file: {problem} (at byte {offset}).")
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

    /// <summary>Byte offset in the file where the problem was found.</summary>
    public long Offset { get; }

    /// <summary>What was wrong, without the offset.</summary>
    public string Problem { get; }
}
