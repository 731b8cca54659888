using System.Diagnostics;
using System.Globalization;
using System.Text;
using MultiModel.Testing;

namespace MultiModel.Benchmarks.Infrastructure;

/// <summary>
/// Runs the <see cref="ProviderEmulator"/>s in a child process, so that the server's work and allocations are not
/// counted in the client's numbers (BenchmarkDotNet's allocation count is process-wide).
/// </summary>
/// <remarks>
/// The child starts one emulator per scenario and prints <c>PORTS ok=… down=… big1=… big10=…</c>; it stops when its
/// standard input closes, so it never outlives the benchmark process.
/// </remarks>
internal sealed class EmulatorServer : IDisposable
{
    /// <summary>The argument that makes the benchmark executable serve instead of measure.</summary>
    public const string ServeArgument = "--serve";

    /// <summary>The environment variable that carries the path of this assembly to the benchmark processes.</summary>
    public const string AssemblyVariable = "MULTIMODEL_BENCH_ASSEMBLY";

    /// <summary>The length of one word (one delta) of the large streamed answers.</summary>
    public const int LargeWordLength = 256;

    private static readonly Lock SharedGate = new();
    private static EmulatorServer? shared;

    private readonly Process _process;

    private EmulatorServer(Process process, IReadOnlyDictionary<string, Uri> roots)
    {
        _process = process;
        Ok = roots["ok"];
        Down = roots["down"];
        Big1 = roots["big1"];
        Big10 = roots["big10"];
    }

    /// <summary>Gets the emulator that answers every request with the canned answer.</summary>
    public Uri Ok { get; }

    /// <summary>Gets the emulator that answers every request with HTTP 503.</summary>
    public Uri Down { get; }

    /// <summary>Gets the emulator whose answer is 1 MB of text.</summary>
    public Uri Big1 { get; }

    /// <summary>Gets the emulator whose answer is 10 MB of text.</summary>
    public Uri Big10 { get; }

    /// <summary>Gets the emulator process shared by every benchmark of this process (started once; stopped at exit).</summary>
    public static EmulatorServer Shared
    {
        get
        {
            lock (SharedGate)
            {
                if (shared is null)
                {
                    var server = Start();
                    AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
                    shared = server;
                }

                return shared;
            }
        }
    }

    public static EmulatorServer Start()
    {
        var assembly = Environment.GetEnvironmentVariable(AssemblyVariable);
        if (string.IsNullOrEmpty(assembly) || !File.Exists(assembly))
        {
            assembly = typeof(EmulatorServer).Assembly.Location;
        }

        var start = new ProcessStartInfo(DotnetHost(), [assembly, ServeArgument])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_gcServer"] = "0";
        var process = Process.Start(start) ?? throw new InvalidOperationException("The emulator process did not start.");
        var line = process.StandardOutput.ReadLine();
        if (line is null || !line.StartsWith("PORTS ", StringComparison.Ordinal))
        {
            process.Kill();
            throw new InvalidOperationException($"The emulator process did not report its ports (got '{line}').");
        }

        var roots = new Dictionary<string, Uri>(StringComparer.Ordinal);
        foreach (var pair in line["PORTS ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=');
            roots[parts[0]] = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{parts[1]}/"));
        }

        return new EmulatorServer(process, roots);
    }

    /// <summary>Serves until standard input closes: the body of the child process.</summary>
    public static async Task<int> ServeAsync()
    {
        var canned = EmulatorBehavior.CannedAnswer(Scenario.AnswerTokens);
        await using var ok = await StartAsync(canned, canned).ConfigureAwait(false);
        var down = EmulatorBehavior.Status(503, "Service unavailable");
        await using var failing = await StartAsync(down, down).ConfigureAwait(false);
        var oneMb = EmulatorBehavior.Answer(LargeText(1 << 20));
        await using var big1 = await StartAsync(oneMb, oneMb).ConfigureAwait(false);
        var tenMb = EmulatorBehavior.Answer(LargeText(10 << 20));
        await using var big10 = await StartAsync(tenMb, tenMb).ConfigureAwait(false);

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"PORTS ok={ok.BaseAddress.Port} down={failing.BaseAddress.Port} big1={big1.BaseAddress.Port} big10={big10.BaseAddress.Port}"));
        Console.Out.Flush();
        await Console.In.ReadToEndAsync().ConfigureAwait(false);
        return 0;
    }

    /// <summary>Builds a text of about <paramref name="bytes"/> bytes made of <see cref="LargeWordLength"/>-character words.</summary>
    public static string LargeText(int bytes)
    {
        var builder = new StringBuilder(bytes + LargeWordLength);
        var word = new string('x', LargeWordLength - 1);
        while (builder.Length < bytes)
        {
            builder.Append(builder.Length == 0 ? string.Empty : " ").Append(word);
        }

        return builder.ToString();
    }

    public void Dispose()
    {
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(5000))
            {
                _process.Kill();
            }
        }
        finally
        {
            _process.Dispose();
        }
    }

    private static async Task<ProviderEmulator> StartAsync(EmulatorBehavior anthropic, EmulatorBehavior xai)
    {
        var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions
        {
            AnthropicApiKey = Scenario.AnthropicKey,
            XaiApiKey = Scenario.XaiKey,
        }).ConfigureAwait(false);
        emulator.Anthropic.Default = anthropic;
        emulator.Xai.Default = xai;
        return emulator;
    }

    private static string DotnetHost()
    {
        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet"
            ? current
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
    }
}
