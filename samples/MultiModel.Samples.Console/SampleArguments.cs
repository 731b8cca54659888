namespace MultiModel.Samples.ConsoleApp;

/// <summary>The sample's own switches; everything else goes to configuration (for example <c>--MultiModel:Order:0=claude</c>).</summary>
internal sealed class SampleArguments
{
    public List<FaultSpec> Faults { get; } = [];

    public bool Stream { get; private set; }

    public bool Offline { get; private set; }

    public bool Help { get; private set; }

    public string? TelemetryFile { get; private set; }

    public bool LongLog { get; private set; }

    public List<string> ConfigurationArgs { get; } = [];

    public const string Usage = """
        Usage: dotnet run --project samples/MultiModel.Samples.Console -- [options] [--Config:Key=value ...]

          --file PATH            telemetry file to analyse (default: data/spacecraft-telemetry.csv)
          --stream               stream the answer as it arrives
          --long-log             analyse a generated day-long log (~150k tokens) with Grok 3 (131k window) first:
                                 the chain skips Grok without a call and Claude (200k) answers
          --offline              use the built-in provider emulator even when API keys are configured
          --fault NAME=FAULT     make the emulated provider NAME fail (repeatable; emulator only)
                                 FAULT: 500 | 503 | 529 | 429 | 401 | timeout | reset | stream-cut |
                                        stream-error | malformed | truncated | low-confidence | refusal
          --help                 show this text

        Configuration (appsettings.json, environment variables, command line) follows the MultiModel schema,
        e.g. --MultiModel:Order:0=claude --MultiModel:Order:1=grok, or MultiModel__Providers__grok__ApiKey=...
        With XAI_API_KEY / ANTHROPIC_API_KEY (or MultiModel:Providers:{name}:ApiKey) set, the real APIs are called;
        a provider without a key is left out of the chain. Without any key the emulator answers.
        """;

    public static SampleArguments Parse(string[] args)
    {
        var parsed = new SampleArguments();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "--stream":
                    parsed.Stream = true;
                    break;
                case "--offline":
                    parsed.Offline = true;
                    break;
                case "--help" or "-h" or "-?":
                    parsed.Help = true;
                    break;
                case "--fault":
                    parsed.Faults.Add(FaultSpec.Parse(Value(args, ref i, arg)));
                    break;
                case "--file":
                    parsed.TelemetryFile = Value(args, ref i, arg);
                    break;
                case "--long-log":
                    parsed.LongLog = true;
                    break;
                default:
                    if (arg.StartsWith("--fault=", StringComparison.Ordinal))
                    {
                        parsed.Faults.Add(FaultSpec.Parse(arg["--fault=".Length..]));
                    }
                    else if (arg.StartsWith("--file=", StringComparison.Ordinal))
                    {
                        parsed.TelemetryFile = arg["--file=".Length..];
                    }
                    else
                    {
                        parsed.ConfigurationArgs.Add(arg);
                    }

                    break;
            }
        }

        return parsed;
    }

    private static string Value(string[] args, ref int i, string name) =>
        ++i < args.Length ? args[i] : throw new ArgumentException($"{name} needs a value.");
}
