using BenchmarkDotNet.Attributes;
using MultiModel.Providers.Claude;
using MultiModel.Providers.Grok;
using MultiModel.Tests.TestSupport;

namespace MultiModel.Benchmarks.Benchmarks;

/// <summary>
/// The cost of <see cref="IChatProvider.CheckRequest"/>, which a chain calls before every attempt: for an ordinary
/// 2k-token prompt (the UTF-8 bound fits, no estimate), for the same prompt when the window forces the full estimate,
/// and for a 150k-token telemetry log (the estimate samples it) against Grok's 131k window (refused) and Claude's 200k
/// (taken). No network: the providers are never called.
/// </summary>
[MemoryDiagnoser]
public class RequestCheckBenchmarks
{
    /// <summary>The client the providers are given; they are never called, so it never sends.</summary>
    private static readonly HttpClient Http = new();

    private ChatRequest _prompt2k = null!;
    private ChatRequest _log150k = null!;
    private GrokChatProvider _grok4 = null!;
    private GrokChatProvider _grokTinyWindow = null!;
    private GrokChatProvider _grok3 = null!;
    private ClaudeChatProvider _claude = null!;

    [GlobalSetup]
    public void Setup()
    {
        _prompt2k = new ChatRequest([ChatMessage.FromSystem("You analyse spacecraft telemetry."), ChatMessage.FromUser(TelemetryText.Log(68))]);
        _log150k = new ChatRequest([ChatMessage.FromSystem("You analyse spacecraft telemetry."), ChatMessage.FromUser(TelemetryText.Log(5100))]);
        _grok4 = Grok("grok-4", null);
        _grokTinyWindow = Grok("grok-4", 2_500);
        _grok3 = Grok("grok-3", null);
        _claude = new ClaudeChatProvider(Http, new ClaudeProviderOptions { ApiKey = "benchmark", BaseUrl = new Uri("http://127.0.0.1:9") });
    }

    [Benchmark(Baseline = true)]
    public ChatRequestSupport Check_2kTokens_BoundFits() => _grok4.CheckRequest(_prompt2k);

    [Benchmark]
    public ChatRequestSupport Check_2kTokens_FullEstimate() => _grokTinyWindow.CheckRequest(_prompt2k);

    [Benchmark]
    public ChatRequestSupport Check_150kTokens_Grok3Refuses() => _grok3.CheckRequest(_log150k);

    [Benchmark]
    public ChatRequestSupport Check_150kTokens_ClaudeTakes() => _claude.CheckRequest(_log150k);

    private static GrokChatProvider Grok(string model, int? window) =>
        new(Http, new GrokProviderOptions { ApiKey = "benchmark", BaseUrl = new Uri("http://127.0.0.1:9"), Model = model, ContextWindowTokens = window });
}
