using MultiModel.Providers.Capabilities;
using MultiModel.Providers.ChatCompletions;

namespace MultiModel.Providers.OpenAICompatible;

/// <summary>Talks to any OpenAI-compatible chat-completions server (<c>POST {BaseUrl}/chat/completions</c>).</summary>
/// <remarks>
/// <para>
/// Thread-safe: one instance may serve any number of concurrent calls. The <see cref="HttpClient"/> is owned by the
/// caller and never disposed here; retries, timeouts and circuit breaking belong to its handler pipeline.
/// </para>
/// <para>
/// Model names are sent unchanged, so aggregator names such as <c>anthropic/claude-sonnet-4-5</c> work.
/// <see cref="ChatUsage.OutputTokens"/> counts reasoning once: OpenAI's <c>completion_tokens</c> already includes it,
/// and when <c>total_tokens</c> shows that the server (for example xAI behind an aggregator) left it out, it is added.
/// Tools, tool turns and structured output are written and read as described for <see cref="Grok.GrokChatProvider"/>.
/// </para>
/// </remarks>
public sealed class OpenAICompatibleChatProvider : ChatCompletionsChatProvider
{
    /// <summary>Initializes a new instance of the <see cref="OpenAICompatibleChatProvider"/> class.</summary>
    /// <param name="httpClient">The HTTP client to send requests with; owned by the caller.</param>
    /// <param name="options">The endpoint, model, key and extra headers; validated and copied now.</param>
    /// <param name="timeProvider">The clock used to read HTTP-date <c>retry-after</c> values, or <see langword="null"/> for the system clock.</param>
    /// <exception cref="ArgumentNullException"><paramref name="httpClient"/> or <paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// An option is missing or invalid: no model or base address, no API key for a non-loopback address, or a reserved header.
    /// </exception>
    public OpenAICompatibleChatProvider(HttpClient httpClient, OpenAICompatibleProviderOptions options, TimeProvider? timeProvider = null)
        : base(httpClient, Describe(options), timeProvider)
    {
    }

    /// <summary>Reads the values the provider is built from (also checked at start-up by dependency injection).</summary>
    internal static ChatCompletionsOptionValues Describe(OpenAICompatibleProviderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ChatCompletionsOptionValues
        {
            OptionsType = nameof(OpenAICompatibleProviderOptions),
            Name = options.Name,
            ProviderSystem = options.ProviderSystem,
            BaseUrl = options.BaseUrl,
            Model = options.Model,
            ApiKey = options.ApiKey,
            Headers = options.Headers,
            MaxOutputTokens = options.MaxOutputTokens,
            AllowInsecureHttp = options.AllowInsecureHttp,
            ReasoningAccounting = ReasoningTokenAccounting.IncludedInCompletion,
            Media = MediaRules.OpenAICompatible,
            Capabilities = CapabilityOptionValues.From(options, options.SupportsLogprobs),
        };
    }
}
