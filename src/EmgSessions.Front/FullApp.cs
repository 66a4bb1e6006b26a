using System.Runtime.InteropServices;

namespace EmgSessions.Front;

/// <summary>
/// The full <c>emgs</c> (emgs.dll, run by <c>dotnet</c>): where it is, the verb list it prints, and the hand-over to it.
/// The hand-over replaces this process (<c>execvp</c>), so the full executable gets the same arguments, standard streams,
/// signals and exit code as if it had been started directly.
/// </summary>
internal static partial class FullApp
{
    /// <summary>The environment variable that names emgs.dll (set by <c>./emgs</c>).</summary>
    public const string Variable = "EMGS_APP";

    /// <summary>The file beside emgs.dll that holds the output of <c>emgs help</c>, written by <c>./emgs</c> after each build.</summary>
    public const string VerbListFile = "verbs.txt";

    /// <summary>emgs.dll: <c>EMGS_APP</c>, else ../emgs/emgs.dll from this executable (the layout <c>./emgs</c> builds).</summary>
    public static string Locate() =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path
            ? path
            : Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "emgs", "emgs.dll"));

    /// <summary>The text <c>emgs help</c> prints, or null when the file is missing or older than emgs.dll.</summary>
    public static string? VerbList(string app)
    {
        var file = Path.Combine(Path.GetDirectoryName(app) ?? ".", VerbListFile);
        try
        {
            return File.Exists(app) && File.GetLastWriteTimeUtc(file) >= File.GetLastWriteTimeUtc(app) ? File.ReadAllText(file) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Runs <c>dotnet APP ARGS</c> in place of this process; returns only when that could not start.</summary>
    public static int Exec(string app, IReadOnlyList<string> args, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(error);
        var argv = new string?[args.Count + 3];
        argv[0] = "dotnet";
        argv[1] = app;
        for (var i = 0; i < args.Count; i++)
        {
            argv[i + 2] = args[i];
        }

        Console.Out.Flush();
        _ = ExecVp("dotnet", argv);
        error.WriteLine($"emgs: cannot start the full emgs ({Path.GetFileName(app)}) with dotnet: {Marshal.GetLastPInvokeErrorMessage()}. Check that the .NET runtime is on PATH, or run ./emgs to rebuild.");
        return 1;
    }

    [LibraryImport("libc", EntryPoint = "execvp", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int ExecVp(string file, string?[] argv);
}
