using MultiModel.Providers.Capabilities;
using MultiModel.Providers.ChatCompletions;

namespace MultiModel.Providers.Grok;

/// <summary>Talks to xAI's Grok models through the chat-completions API (<c>POST {BaseUrl}/chat/completions</c>).</summary>
/// <remarks>
/// <para>
/// Thread-safe: one instance may serve any number of concurrent calls. The <see cref="HttpClient"/> is owned by the
/// caller and never disposed here; retries, timeouts and circuit breaking belong to its handler pipeline.
/// </para>
/// <para>
/// xAI's <c>completion_tokens</c> excludes reasoning; <see cref="ChatUsage.OutputTokens"/> adds
/// <c>reasoning_tokens</c> back, unless <c>total_tokens</c> shows that the server already counted them.
/// A wrong API key comes back from xAI as HTTP 400 with an "Incorrect API key" message.
/// </para>
/// <para>
/// <b>Tools.</b> <see cref="ChatRequest.Tools"/> are sent as function <c>tools</c>, <see cref="ChatRequest.ToolChoice"/>
/// as <c>tool_choice</c>, and <see cref="ChatRequest.ResponseFormat"/> as a strict <c>json_schema</c>
/// <c>response_format</c>. <c>tool_calls</c> become <see cref="ChatResponse.ToolCalls"/>; streamed tool-call
/// fragments are appended by index and reported, whole, on one update when the choice finishes. Assistant tool calls
/// are written as <c>tool_calls</c> and tool results as <c>tool</c> messages; the format has no error flag, so a
/// failed tool's result is sent with an <c>Error: </c> prefix.
/// </para>
/// <para>
/// <b>Rich requests.</b> Image parts become <c>image_url</c> parts (a <c>data:</c> address for bytes; JPEG and PNG);
/// <see cref="ChatRequest.Reasoning"/> becomes <c>reasoning_effort</c> on the models that take it (grok-3-mini: low and
/// high). The format has no place for documents, so Grok cannot take a request with one; xAI caches prompt prefixes on
/// its own, so cache marks are not sent; the usage reports <c>cached_tokens</c> as <see cref="ChatUsage.CacheReadTokens"/>.
/// What each model family takes is listed in the README and can be set on <see cref="GrokProviderOptions"/>.
/// </para>
/// </remarks>
public sealed class GrokChatProvider : ChatCompletionsChatProvider
{
    /// <summary>Initializes a new instance of the <see cref="GrokChatProvider"/> class.</summary>
    /// <param name="httpClient">The HTTP client to send requests with; owned by the caller.</param>
    /// <param name="options">The endpoint, model and key; validated and copied now.</param>
    /// <param name="timeProvider">The clock used to read HTTP-date <c>retry-after</c> values, or <see langword="null"/> for the system clock.</param>
    /// <exception cref="ArgumentNullException"><paramref name="httpClient"/> or <paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An option is missing or invalid, for example no API key for a non-loopback address.</exception>
    public GrokChatProvider(HttpClient httpClient, GrokProviderOptions options, TimeProvider? timeProvider = null)
        : base(httpClient, Describe(options), timeProvider)
    {
    }

    /// <summary>Reads the values the provider is built from (also checked at start-up by dependency injection).</summary>
    internal static ChatCompletionsOptionValues Describe(GrokProviderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ChatCompletionsOptionValues
        {
            OptionsType = nameof(GrokProviderOptions),
            Name = options.Name,
            ProviderSystem = "xai",
            BaseUrl = options.BaseUrl,
            Model = options.Model,
            ApiKey = options.ApiKey,
            MaxOutputTokens = options.MaxOutputTokens,
            AllowInsecureHttp = options.AllowInsecureHttp,
            ReasoningAccounting = ReasoningTokenAccounting.ExcludedFromCompletion,
            FindFamily = ModelFamilies.FindGrok,
            Media = MediaRules.Xai,
            Capabilities = CapabilityOptionValues.From(options, options.SupportsLogprobs),
        };
    }
}
