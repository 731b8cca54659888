using Microsoft.Extensions.Logging;
using MultiModel.Failover;
using MultiModel.Resilience;
using MultiModel.Testing;

namespace MultiModel.Tests.Diagnostics;

/// <summary>Builds the chains and providers of the telemetry tests: each test gets a unique chain name and its own meter factory.</summary>
internal static class DiagnosticsTestKit
{
    public static string UniqueChainName() => "chain-" + Guid.NewGuid().ToString("N")[..10];

    public static FakeChatProvider Claude(string name = "claude") =>
        new(name) { Metadata = new ChatProviderMetadata("anthropic", new Uri("https://api.anthropic.com"), "claude-sonnet-4-5") };

    public static FakeChatProvider Grok(string name = "grok") =>
        new(name) { Metadata = new ChatProviderMetadata("xai", new Uri("https://api.x.ai/v1"), "grok-4") };

    public static ChatResponse Answer(string provider, string text = "Four.", ChatFinishReason finish = ChatFinishReason.Stop) => new()
    {
        Text = text,
        ProviderName = provider,
        ModelId = provider + "-model-2025",
        ResponseId = "resp-" + provider,
        FinishReason = finish,
        Usage = new ChatUsage { InputTokens = 12, OutputTokens = 3 },
    };

    public static ChatProviderException HttpError(string provider, int status, string? errorType = null) =>
        new(provider, ChatProviderErrorKind.HttpStatus, $"{provider}: HTTP {status}.") { StatusCode = status, ErrorType = errorType };

    public static FailoverChatClient Chain(string name, TestMeterFactory meters, ILoggerFactory? logs = null, Action<FailoverChatClientOptions>? configure = null, params IChatProvider[] providers)
    {
        var options = new FailoverChatClientOptions { Name = name, MeterFactory = meters, LoggerFactory = logs };
        configure?.Invoke(options);
        return new FailoverChatClient(providers, options);
    }

    /// <summary>A health source that reports fixed states by provider name.</summary>
    public sealed class FixedHealth(Dictionary<string, ProviderHealth> states) : IProviderHealthSource
    {
        public ProviderHealth GetHealth(string providerName) => states.TryGetValue(providerName, out var health) ? health : ProviderHealth.Available;
    }
}
