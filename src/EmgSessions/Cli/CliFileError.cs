namespace EmgSessions.Cli;

/// <summary>Why a file named on the command line could not be read, said once and in a user's words.</summary>
internal static class CliFileError
{
    /// <summary>"no such file", "it is a directory, not a file", "permission denied", or the system's own reason.</summary>
    public static string Reason(string path, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (Directory.Exists(path))
        {
            return "it is a directory, not a file; give the path of a .c3d file";
        }

        return exception switch
        {
            FileNotFoundException or DirectoryNotFoundException => "no such file",
            UnauthorizedAccessException => "permission denied; check the file's permissions",
            _ => exception.Message.TrimEnd('.', ' '),
        };
    }

    /// <summary>True for the exceptions reading a named file may raise (as opposed to bugs).</summary>
    public static bool IsFileProblem(Exception exception) =>
        exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException;
}
