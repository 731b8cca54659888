using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MultiModel.Tests.DependencyInjection;

/// <summary>Every bound option, given a bad value: the host stops at start-up with the value's configuration path in the message.</summary>
[Parallelizable(ParallelScope.All)]
public class MultiModelBadValueTests
{
    private static readonly (string, string?)[] LocalProvider =
    [
        ("MultiModel:Order:2", "local"),
        ("MultiModel:Providers:local:Kind", "OpenAICompatible"),
        ("MultiModel:Providers:local:BaseUrl", "http://127.0.0.1:11434/v1"),
        ("MultiModel:Providers:local:Model", "llama3.1"),
    ];

    private static IEnumerable<TestCaseData> BadValues()
    {
        // The chain: its order and telemetry (MultiModelOptions).
        yield return Case("MultiModel:Order", ("MultiModel:Order:0", null), ("MultiModel:Order:1", null));
        yield return Case("MultiModel:Order:1", ("MultiModel:Order:1", ""));
        yield return Case("MultiModel:Order:1", ("MultiModel:Order:1", "gork"));
        yield return Case("MultiModel:Order:1", ("MultiModel:Order:1", "grok"));
        yield return Case("MultiModel:Telemetry:EnableSensitiveData", ("MultiModel:Telemetry:EnableSensitiveData", "sometimes"));
        yield return Case("MultiModel has unknown settings 'Oder'", ("MultiModel:Oder:0", "grok"));
        yield return Case("MultiModel:SharedState is set, but no shared health store is registered", ("MultiModel:SharedState:Redis:Configuration", "localhost:6379"));

        // The chain's FailoverChatClientOptions, from Failover and Confidence.
        foreach (var timeout in new[] { "00:00:00", "-00:00:01", "ten seconds" })
        {
            yield return Case("MultiModel:Failover:AttemptTimeout", ("MultiModel:Failover:AttemptTimeout", timeout));
        }

        yield return Case("MultiModel:Failover:MaxAttempts", ("MultiModel:Failover:MaxAttempts", "0"));
        yield return Case("MultiModel:Failover:MaxAttempts", ("MultiModel:Failover:MaxAttempts", "-2"));
        yield return Case("MultiModel:Failover:HedgingDelay", ("MultiModel:Failover:HedgingDelay", "00:00:00"));
        yield return Case("MultiModel:Failover:HedgingDelay", ("MultiModel:Failover:HedgingDelay", "-00:00:01"));
        yield return Case("MultiModel:Failover:HeadBufferLength", ("MultiModel:Failover:HeadBufferLength", "-1"));
        yield return Case("MultiModel:Failover:HeadBufferTime", ("MultiModel:Failover:HeadBufferTime", "00:00:00"));
        yield return Case("MultiModel:Failover:EnableSensitiveData", ("MultiModel:Failover:EnableSensitiveData", "yes please"));
        yield return Case("MultiModel:Failover:Name", ("MultiModel:Failover:Name", " "));
        yield return Case("MultiModel:Failover:Confidence", ("MultiModel:Failover:Confidence:Threshold", "0.5"));
        yield return Case("MultiModel:Failover:ErrorClassifier", ("MultiModel:Failover:ErrorClassifier", "strict"));
        yield return Case("MultiModel:Confidence:Scorers", ("MultiModel:Confidence:Scorers:0", "judge"));
        foreach (var threshold in new[] { "1.5", "-0.1", "NaN", "high" })
        {
            yield return Case("MultiModel:Confidence:Threshold", ("MultiModel:Confidence:Threshold", threshold));
        }

        yield return Case("MultiModel:Confidence:WhenNoneMeetsThreshold", ("MultiModel:Confidence:WhenNoneMeetsThreshold", "Shrug"));
        yield return Case("MultiModel:Confidence:WhenNoneMeetsThreshold", ("MultiModel:Confidence:WhenNoneMeetsThreshold", "7"));
        yield return Case("MultiModel:Confidence:Structural:ValidateResponseFormat", ("MultiModel:Confidence:Structural:ValidateResponseFormat", "maybe"));
        yield return Case("MultiModel:Confidence has unknown settings 'Treshold'", ("MultiModel:Confidence:Treshold", "0.5"));

        // A named chain.
        yield return Case("MultiModel:Chains:fast:Order:0", ("MultiModel:Chains:fast:Order:0", "nope"));
        yield return Case("MultiModel:Chains:fast:Failover:HedgingDelay", ("MultiModel:Chains:fast:Order:0", "grok"), ("MultiModel:Chains:fast:Failover:HedgingDelay", "00:00:00"));
        yield return Case("MultiModel:Chains:fast:Confidence:Threshold", ("MultiModel:Chains:fast:Order:0", "grok"), ("MultiModel:Chains:fast:Confidence:Threshold", "2"));
        yield return Case("MultiModel:Chains:fsat configures a chain that is not registered (registered: fast)", ("MultiModel:Chains:fsat:Order:0", "grok"));
        yield return Case("MultiModel:Chains:fast:Telemetry:EnableSensitiveData is not read", ("MultiModel:Chains:fast:Telemetry:EnableSensitiveData", "true"));

        // Each provider kind's options.
        yield return Case("MultiModel:Providers:grok:Kind", ("MultiModel:Providers:grok:Kind", "Gemini"));
        yield return Case("MultiModel:Providers:extra:Kind", ("MultiModel:Providers:extra:Model", "m"));
        yield return Case("MultiModel:Providers:grok:Enabled", ("MultiModel:Providers:grok:Enabled", "nope"));
        yield return Case("MultiModel:Order:0 names 'grok', which is switched off", ("MultiModel:Providers:grok:Enabled", "false"));
        yield return Case("MultiModel:Providers:grok:Model", ("MultiModel:Providers:grok:Model", " "));
        yield return Case("MultiModel:Providers:claude:Model", ("MultiModel:Providers:claude:Model", ""));
        yield return Case("MultiModel:Providers:local:Model", [.. LocalProvider, ("MultiModel:Providers:local:Model", null)]);
        yield return Case("MultiModel:Providers:grok:ApiKey", ("MultiModel:Providers:grok:ApiKey", " "));
        yield return Case("MultiModel:Providers:claude:ApiKey", ("MultiModel:Providers:claude:ApiKey", "sk ant"));
        yield return Case("MultiModel:Providers:grok:BaseUrl", ("MultiModel:Providers:grok:BaseUrl", "/v1"));
        yield return Case("MultiModel:Providers:claude:BaseUrl", ("MultiModel:Providers:claude:BaseUrl", "ftp://api.anthropic.com"));
        yield return Case("MultiModel:Providers:grok:BaseUrl", ("MultiModel:Providers:grok:BaseUrl", "http://grok.internal.test/v1"));
        yield return Case("MultiModel:Providers:grok:BaseUrl", ("MultiModel:Providers:grok:BaseUrl", "https://api.x.ai/v1?region=eu"));
        yield return Case("MultiModel:Providers:claude:AllowInsecureHttp", ("MultiModel:Providers:claude:AllowInsecureHttp", "perhaps"));
        yield return Case("MultiModel:Providers:grok:MaxOutputTokens", ("MultiModel:Providers:grok:MaxOutputTokens", "0"));
        yield return Case("MultiModel:Providers:claude:MaxOutputTokens", ("MultiModel:Providers:claude:MaxOutputTokens", "-5"));
        yield return Case("MultiModel:Providers:claude:MaxOutputTokens", ("MultiModel:Providers:claude:MaxOutputTokens", "lots"));
        yield return Case("MultiModel:Providers:claude:AnthropicVersion", ("MultiModel:Providers:claude:AnthropicVersion", "2023 06 01"));
        yield return Case("MultiModel:Providers:grok:Name", ("MultiModel:Providers:grok:Name", "other"));
        yield return Case("MultiModel:Providers:grok has unknown settings 'Headers'", ("MultiModel:Providers:grok:Headers:X-Title", "ignored before"));
        yield return Case("MultiModel:Providers:claude has unknown settings 'ProviderSystem'", ("MultiModel:Providers:claude:ProviderSystem", "anthropic"));
        yield return Case("MultiModel:Providers:local:Headers", [.. LocalProvider, ("MultiModel:Providers:local:Headers:Authorization", "Bearer x")]);
        yield return Case("MultiModel:Providers:local:ProviderSystem", [.. LocalProvider, ("MultiModel:Providers:local:ProviderSystem", " ")]);

        // Each provider's rate budget.
        foreach (var limit in new[] { "0", "-5", "plenty" })
        {
            yield return Case("MultiModel:Providers:grok:RateLimit:RequestsPerMinute", ("MultiModel:Providers:grok:RateLimit:RequestsPerMinute", limit));
            yield return Case("MultiModel:Providers:claude:RateLimit:TokensPerMinute", ("MultiModel:Providers:claude:RateLimit:TokensPerMinute", limit));
        }

        yield return Case("MultiModel:Providers:grok:RateLimit has unknown settings 'RPM'", ("MultiModel:Providers:grok:RateLimit:RPM", "60"));

        // Each provider's resilience options.
        yield return Case("MultiModel:Providers:grok:Resilience:Enabled", ("MultiModel:Providers:grok:Resilience:Enabled", "on"));
        yield return Case("MultiModel:Providers:grok:Resilience:AttemptTimeout", ("MultiModel:Providers:grok:Resilience:AttemptTimeout", "00:00:00"));
        yield return Case("MultiModel:Providers:grok:Resilience:AttemptTimeout", ("MultiModel:Providers:grok:Resilience:AttemptTimeout", "2.00:00:00"));
        foreach (var attempts in new[] { "-1", "11", "many" })
        {
            yield return Case("MultiModel:Providers:grok:Resilience:Retry:MaxRetryAttempts", ("MultiModel:Providers:grok:Resilience:Retry:MaxRetryAttempts", attempts));
        }

        yield return Case("MultiModel:Providers:grok:Resilience:Retry:Delay", ("MultiModel:Providers:grok:Resilience:Retry:Delay", "-00:00:01"));
        yield return Case("MultiModel:Providers:grok:Resilience:Retry:Delay", ("MultiModel:Providers:grok:Resilience:Retry:Delay", "00:02:00"));
        yield return Case("MultiModel:Providers:grok:Resilience:Retry:MaxDelay", ("MultiModel:Providers:grok:Resilience:Retry:MaxDelay", "00:06:00"));
        yield return Case("MultiModel:Providers:grok:Resilience:Retry:MaxDelay", ("MultiModel:Providers:grok:Resilience:Retry:MaxDelay", "00:00:00.100"));
        yield return Case("MultiModel:Providers:grok:Resilience:Retry:BackoffType", ("MultiModel:Providers:grok:Resilience:Retry:BackoffType", "Random"));
        yield return Case("MultiModel:Providers:grok:Resilience:Retry:BackoffType", ("MultiModel:Providers:grok:Resilience:Retry:BackoffType", "9"));
        yield return Case("MultiModel:Providers:grok:Resilience:Retry:UseJitter", ("MultiModel:Providers:grok:Resilience:Retry:UseJitter", "a bit"));
        yield return Case("MultiModel:Providers:grok:Resilience:Retry:MaxRetryAfter", ("MultiModel:Providers:grok:Resilience:Retry:MaxRetryAfter", "-00:00:01"));
        yield return Case("MultiModel:Providers:grok:Resilience:Retry:MaxRetryAfter", ("MultiModel:Providers:grok:Resilience:Retry:MaxRetryAfter", "02:00:00"));
        yield return Case("MultiModel:Providers:grok:Resilience:CircuitBreaker:Enabled", ("MultiModel:Providers:grok:Resilience:CircuitBreaker:Enabled", "off"));
        yield return Case("MultiModel:Providers:grok:Resilience:CircuitBreaker:FailureRatio", ("MultiModel:Providers:grok:Resilience:CircuitBreaker:FailureRatio", "5"));
        yield return Case("MultiModel:Providers:grok:Resilience:CircuitBreaker:FailureRatio", ("MultiModel:Providers:grok:Resilience:CircuitBreaker:FailureRatio", "-0.1"));
        yield return Case("MultiModel:Providers:grok:Resilience:CircuitBreaker:MinimumThroughput", ("MultiModel:Providers:grok:Resilience:CircuitBreaker:MinimumThroughput", "0"));
        yield return Case("MultiModel:Providers:grok:Resilience:CircuitBreaker:MinimumThroughput", ("MultiModel:Providers:grok:Resilience:CircuitBreaker:MinimumThroughput", "1"));
        yield return Case("MultiModel:Providers:grok:Resilience:CircuitBreaker:SamplingDuration", ("MultiModel:Providers:grok:Resilience:CircuitBreaker:SamplingDuration", "00:00:00.100"));
        yield return Case("MultiModel:Providers:grok:Resilience:CircuitBreaker:SamplingDuration", ("MultiModel:Providers:grok:Resilience:CircuitBreaker:SamplingDuration", "2.00:00:00"));
        yield return Case("MultiModel:Providers:grok:Resilience:CircuitBreaker:SamplingDuration", ("MultiModel:Providers:grok:Resilience:CircuitBreaker:SamplingDuration", "00:00:15"));
        yield return Case("MultiModel:Providers:grok:Resilience:CircuitBreaker:BreakDuration", ("MultiModel:Providers:grok:Resilience:CircuitBreaker:BreakDuration", "00:00:00"));
        yield return Case("MultiModel:Providers:grok:Resilience:CircuitBreaker:BreakDuration", ("MultiModel:Providers:grok:Resilience:CircuitBreaker:BreakDuration", "2.00:00:00"));
        yield return Case("MultiModel:Providers:grok:Resilience has unknown settings 'Retries'", ("MultiModel:Providers:grok:Resilience:Retries", "3"));
        yield return Case("MultiModel:Providers:grok:StandardResilience is not read", ("MultiModel:Providers:grok:StandardResilience:Retry:MaxRetryAttempts", "2"));
    }

    [TestCaseSource(nameof(BadValues))]
    public void Start_BadValue_StopsTheHostNamingItsPath(string expectedPath, (string Key, string? Value)[] settings)
    {
        var configuration = MultiModelTestContainer.GrokThenClaude([("MultiModel:Chains:fast:Order:0", "claude"), .. settings]);

        var ex = Assert.Throws<OptionsValidationException>(() => MultiModelTestContainer.Create(
            configuration, [], (services, _) => services.AddMultiModel("fast")).DisposeAsync().AsTask().GetAwaiter().GetResult());

        Assert.That(ex!.Failures, Has.Some.Contains(expectedPath), string.Join(Environment.NewLine, ex.Failures));
    }

    private static TestCaseData Case(string expectedPath, params (string Key, string? Value)[] settings) =>
        new TestCaseData(expectedPath, settings).SetArgDisplayNames(string.Join(", ", settings.Select(s => $"{s.Key}={s.Value ?? "(null)"}")));
}
