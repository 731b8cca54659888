using Anthropic;
using MultiModel.Benchmarks.Raw;
using MultiModel.Failover;
using MultiModel.Providers.Claude;
using MultiModel.Providers.Grok;
using OpenAI.Chat;

namespace MultiModel.Benchmarks.Infrastructure;

/// <summary>
/// The base of the benchmarks that compare every client on the healthy emulator: the raw floor, the two official SDKs,
/// both providers, and a one-provider failover chain over each: by hand without resilience, by hand with the
/// resilience handler, and through <c>AddMultiModel()</c>.
/// </summary>
public abstract class PeerBenchmarkBase : EmulatorBenchmarkBase
{
    /// <summary>Gets the request the MultiModel clients send.</summary>
    protected ChatRequest Request { get; } = Scenario.Request();

    private protected RawAnthropicClient RawAnthropicClient { get; private set; } = null!;

    private protected RawXaiClient RawXaiClient { get; private set; } = null!;

    private protected AnthropicClient AnthropicSdkClient { get; private set; } = null!;

    private protected ChatClient OpenAISdkClient { get; private set; } = null!;

    private protected ClaudeChatProvider ClaudeProvider { get; private set; } = null!;

    private protected GrokChatProvider GrokProvider { get; private set; } = null!;

    private protected FailoverChatClient FailoverOverClaude { get; private set; } = null!;

    private protected FailoverChatClient FailoverOverGrok { get; private set; } = null!;

    private protected FailoverChatClient ByHandResilientClaude { get; private set; } = null!;

    private protected FailoverChatClient ByHandResilientGrok { get; private set; } = null!;

    private protected FailoverChatClient DiClaude { get; private set; } = null!;

    private protected FailoverChatClient DiGrok { get; private set; } = null!;

    /// <inheritdoc/>
    protected override void CreateClients()
    {
        var ok = Server.Ok;
        RawAnthropicClient = Clients.RawAnthropic(ok);
        RawXaiClient = Clients.RawXai(ok);
        AnthropicSdkClient = Clients.AnthropicSdk(ok);
        OpenAISdkClient = Clients.OpenAISdk(ok);
        ClaudeProvider = Clients.Claude(ok);
        GrokProvider = Clients.Grok(ok);
        FailoverOverClaude = Clients.Failover(Clients.Claude(ok));
        FailoverOverGrok = Clients.Failover(Clients.Grok(ok));
        ByHandResilientClaude = Clients.ByHandResilient(ok, claude: true);
        ByHandResilientGrok = Clients.ByHandResilient(ok, claude: false);
        (DiClaude, DiGrok) = Clients.DependencyInjection(ok);
    }
}
