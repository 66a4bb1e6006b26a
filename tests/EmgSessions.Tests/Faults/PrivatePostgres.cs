using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace EmgSessions.Tests.Faults;

/// <summary>
/// A PostgreSQL server of the fault test's own (initdb in a temp folder, a free loopback port), so that
/// stopping it cannot disturb the test classes that share the test script's server. Binaries from
/// <c>EMGS_TEST_PG_BIN</c>, else /usr/lib/postgresql/*/bin; run as user postgres via runuser when root.
/// </summary>
internal sealed class PrivatePostgres : IAsyncDisposable
{
    private PrivatePostgres(string bin, string directory, int port)
    {
        Bin = bin;
        Directory = directory;
        Port = port;
    }

    public string Bin { get; }

    public string Directory { get; }

    public int Port { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Timeout=3;Command Timeout=10";

    private string DataDirectory => Path.Combine(Directory, "data");

    public static async Task<PrivatePostgres> StartAsync()
    {
        var bin = FindBin() ?? throw new InvalidOperationException(
            "No PostgreSQL server binaries (initdb, pg_ctl): set EMGS_TEST_PG_BIN or install postgresql (./test.sh does when root).");
        var directory = System.IO.Directory.CreateTempSubdirectory("emgs-faults-pg-").FullName;
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", ["postgres", directory]);
        }

        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var server = new PrivatePostgres(bin, directory, port);
        await server.AsPostgresAsync("initdb", ["-D", server.DataDirectory, "-U", "postgres", "--auth=trust"]);
        await server.StartServerAsync();
        return server;
    }

    public Task StopServerAsync() => AsPostgresAsync("pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "stop"]);

    public Task StartServerAsync() => AsPostgresAsync("pg_ctl",
    [
        "-D", DataDirectory, "-l", Path.Combine(Directory, "server.log"), "-w", "start",
        "-o", $"-p {Port} -k {Directory} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200",
    ]);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await AsPostgresAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"]);
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private Task AsPostgresAsync(string tool, IReadOnlyList<string> arguments) =>
        Environment.UserName == "root"
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(Bin, tool), .. arguments])
            : RunAsync(Path.Combine(Bin, tool), arguments);

    private static async Task RunAsync(string file, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited {process.ExitCode}: {await stdout}{await stderr}");
        }
    }

    private static string? FindBin()
    {
        if (Environment.GetEnvironmentVariable("EMGS_TEST_PG_BIN") is { Length: > 0 } bin && File.Exists(Path.Combine(bin, "pg_ctl")))
        {
            return bin;
        }

        return System.IO.Directory.Exists("/usr/lib/postgresql")
            ? System.IO.Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "pg_ctl"))).Order(StringComparer.Ordinal).LastOrDefault()
            : null;
    }
}
