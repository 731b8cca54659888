using MultiModel.Testing;

namespace MultiModel.Samples;

/// <summary>A fault to script on the emulator, written <c>provider=fault</c>, for example <c>grok=503</c>.</summary>
internal sealed record FaultSpec(string ProviderName, string Fault)
{
    public static FaultSpec Parse(string text)
    {
        var separator = text.IndexOf('=', StringComparison.Ordinal);
        if (separator <= 0 || separator == text.Length - 1)
        {
            throw new ArgumentException($"A fault is written NAME=FAULT, for example grok=503 (got '{text}').");
        }

        var spec = new FaultSpec(text[..separator].Trim(), text[(separator + 1)..].Trim().ToLowerInvariant());
        _ = spec.ToBehavior(); // Reject unknown faults before anything starts.
        return spec;
    }

    /// <summary>Takes every <c>--fault NAME=FAULT</c> (or <c>--fault=NAME=FAULT</c>) out of the arguments.</summary>
    /// <returns>The faults, and the other arguments in their order.</returns>
    public static (List<FaultSpec> Faults, List<string> Others) Extract(IReadOnlyList<string> args)
    {
        var faults = new List<FaultSpec>();
        var rest = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--fault" && i + 1 < args.Count)
            {
                faults.Add(Parse(args[++i]));
            }
            else if (args[i].StartsWith("--fault=", StringComparison.Ordinal))
            {
                faults.Add(Parse(args[i]["--fault=".Length..]));
            }
            else
            {
                rest.Add(args[i]);
            }
        }

        return (faults, rest);
    }

    /// <summary>Turns the fault into the emulator behaviour that plays it on every request.</summary>
    public EmulatorBehavior ToBehavior() => Fault switch
    {
        "timeout" or "hang" => EmulatorBehavior.Hang(),
        "reset" => EmulatorBehavior.ConnectionReset(),
        "stream-cut" => EmulatorBehavior.StreamCut(afterDeltas: 5, CannedAnalyses.ForProvider(ProviderName)),
        "stream-error" => EmulatorBehavior.StreamError(afterDeltas: 0),
        "malformed" => EmulatorBehavior.MalformedJson(),
        "truncated" => EmulatorBehavior.Truncated(CannedAnalyses.Truncated),
        "low-confidence" => EmulatorBehavior.Answer(CannedAnalyses.WithoutStatusLine),
        "refusal" => EmulatorBehavior.Refusal(),
        "overloaded" => EmulatorBehavior.Overloaded(),
        "rate-limited" => EmulatorBehavior.RateLimited(TimeSpan.FromMinutes(2)), // beyond the retry cap: the provider cools down
        _ when int.TryParse(Fault, out var status) && status is >= 400 and <= 599 => EmulatorBehavior.Status(status),
        _ => throw new ArgumentException(
            $"Unknown fault '{Fault}' for '{ProviderName}'; use an HTTP status (500, 503, 529, 429, 401, …), rate-limited (429, retry after 2 minutes), timeout, reset, stream-cut, stream-error, malformed, truncated, low-confidence or refusal."),
    };
}
