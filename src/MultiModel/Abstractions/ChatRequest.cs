using System.Globalization;

namespace MultiModel;

/// <summary>Represents one chat request: the conversation and the generation settings.</summary>
/// <remarks>
/// <para>
/// A request is a mutable bag: build it, then hand it to a provider. Providers and decorators never modify the
/// instance they are given; use <see cref="Clone"/> to derive a variant. <see cref="Validate"/> runs before any
/// network call and rejects a request that no provider could accept; each provider then says through
/// <see cref="IChatProvider.CheckRequest"/> whether its own limits (a temperature range, a number of stop sequences) fit.
/// </para>
/// </remarks>
public sealed partial class ChatRequest
{
    /// <summary>The largest number of stop sequences accepted.</summary>
    public const int MaxStopSequences = 16;

    /// <summary>The largest number of cache breakpoints (messages marked with <see cref="ChatMessage.WithCacheBreakpoint"/>, plus <see cref="CacheTools"/>) in one request, as Claude allows.</summary>
    public const int MaxCacheBreakpoints = 4;

    /// <summary>Initializes a new, empty instance of the <see cref="ChatRequest"/> class.</summary>
    public ChatRequest()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ChatRequest"/> class with a conversation.</summary>
    /// <param name="messages">The conversation, oldest message first.</param>
    /// <exception cref="ArgumentNullException"><paramref name="messages"/> is <see langword="null"/>.</exception>
    public ChatRequest(IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        foreach (var message in messages)
        {
            Messages.Add(message);
        }
    }

    /// <summary>Initializes a new instance of the <see cref="ChatRequest"/> class with one user message.</summary>
    /// <param name="userText">The user's text.</param>
    /// <exception cref="ArgumentNullException"><paramref name="userText"/> is <see langword="null"/>.</exception>
    public ChatRequest(string userText)
    {
        Messages.Add(ChatMessage.FromUser(userText));
    }

    /// <summary>Gets the conversation, oldest message first. System messages may appear anywhere.</summary>
    public IList<ChatMessage> Messages { get; } = [];

    /// <summary>Gets or sets the model to use instead of the provider's configured model.</summary>
    /// <value>The default value is <see langword="null"/> (use the provider's model).</value>
    public string? ModelId { get; set; }

    /// <summary>Gets or sets the largest number of tokens to generate.</summary>
    /// <value>The default value is <see langword="null"/> (the provider's configured default).</value>
    public int? MaxOutputTokens { get; set; }

    /// <summary>Gets or sets the sampling temperature, 0 or more; each provider takes its own range (xAI and OpenAI-compatible 0 to 2, Claude 0 to 1).</summary>
    /// <value>The default value is <see langword="null"/> (the provider's default).</value>
    /// <remarks>A failover chain skips a provider that cannot take the value (see <see cref="IChatProvider.CheckRequest"/>).</remarks>
    public double? Temperature { get; set; }

    /// <summary>Gets or sets nucleus sampling, greater than 0 and at most 1.</summary>
    /// <value>The default value is <see langword="null"/> (the provider's default).</value>
    public double? TopP { get; set; }

    /// <summary>Gets the strings that end generation when produced.</summary>
    public IList<string> StopSequences { get; } = [];

    /// <summary>Gets or sets a value indicating whether to ask for token log probabilities where the provider offers them.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    /// <remarks>Anthropic offers none; some xAI models ignore the flag. A missing answer means "not provided".</remarks>
    public bool IncludeLogprobs { get; set; }

    /// <summary>Gets or sets how many alternatives per token to return with log probabilities (0 to 8).</summary>
    /// <value>The default value is <see langword="null"/>. Requires <see cref="IncludeLogprobs"/>.</value>
    public int? TopLogprobs { get; set; }

    /// <summary>Gets the tools the model may call; empty for none.</summary>
    public IList<ChatToolDefinition> Tools { get; } = [];

    /// <summary>Gets or sets how the model may use <see cref="Tools"/>.</summary>
    /// <value>The default value is <see langword="null"/> (the provider's default, which is "auto" when tools are given).</value>
    public ChatToolChoice? ToolChoice { get; set; }

    /// <summary>Gets or sets the structured-output format the answer must follow (a JSON schema).</summary>
    /// <value>The default value is <see langword="null"/> (free text).</value>
    public ChatResponseFormat? ResponseFormat { get; set; }

    /// <summary>Gets or sets how much the model should reason before it answers.</summary>
    /// <value>The default value is <see langword="null"/> (the model's default; Claude does not think).</value>
    /// <remarks>A provider whose model takes no reasoning option cannot take a request that sets one.</remarks>
    public ChatReasoningOptions? Reasoning { get; set; }

    /// <summary>Gets or sets a value indicating whether the tool definitions are marked as a prefix worth caching.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    /// <remarks>Claude receives a <c>cache_control</c> breakpoint on the last tool; other providers ignore the mark. It counts toward <see cref="MaxCacheBreakpoints"/>.</remarks>
    public bool CacheTools { get; set; }

    /// <summary>Creates a copy of this request whose lists can be changed without touching the original.</summary>
    /// <returns>A new request with the same messages and settings.</returns>
    public ChatRequest Clone()
    {
        var clone = new ChatRequest(Messages)
        {
            ModelId = ModelId,
            MaxOutputTokens = MaxOutputTokens,
            Temperature = Temperature,
            TopP = TopP,
            IncludeLogprobs = IncludeLogprobs,
            TopLogprobs = TopLogprobs,
            ToolChoice = ToolChoice,
            ResponseFormat = ResponseFormat,
            Reasoning = Reasoning,
            CacheTools = CacheTools,
            ContinueFinalMessage = ContinueFinalMessage,
        };
        foreach (var stop in StopSequences)
        {
            clone.StopSequences.Add(stop);
        }

        foreach (var tool in Tools)
        {
            clone.Tools.Add(tool);
        }

        return clone;
    }

    /// <summary>Checks the rules every provider shares; a provider's own limits are its <see cref="IChatProvider.CheckRequest"/>.</summary>
    /// <exception cref="ArgumentException">The request is not valid; the message says what is wrong.</exception>
    /// <remarks>
    /// <para>
    /// Besides the settings' ranges, the tool rules are: tool names are unique; a <see cref="ChatToolChoiceKind.Required"/>
    /// or <see cref="ChatToolChoiceKind.Specific"/> choice needs tools (and the named tool among them); tool call ids are
    /// unique in the conversation; every tool call of an assistant message is answered by exactly one tool result, and
    /// the results come right after that message (only other results in between); a tool result refers to a call
    /// of that message. An assistant message with tool calls, a tool result, and a user message with an image or a
    /// document may have empty text. At most <see cref="MaxCacheBreakpoints"/> cache breakpoints are set. A request that
    /// sets <see cref="ContinueFinalMessage"/> ends with an assistant message of text only.
    /// </para>
    /// </remarks>
    public void Validate()
    {
        const string Param = "request";
        ValidateMessages(Param);
        ValidateToolTurns(Param);
        ValidateTools(Param);
        ValidateCacheBreakpoints(Param);
        ValidateContinuation(Param);
        ValidateSampling(Param);
        ValidateReasoning(Param);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Checks that there is a conversation: messages, none null, none empty unless it may be, not only system messages.</summary>
    private void ValidateMessages(string param)
    {
        if (Messages.Count == 0)
        {
            throw new ArgumentException("The request has no messages.", param);
        }

        var hasConversation = false;
        for (var i = 0; i < Messages.Count; i++)
        {
            var message = Messages[i];
            if (message is null)
            {
                throw new ArgumentException(Invariant($"Message {i} is null."), param);
            }

            if (string.IsNullOrWhiteSpace(message.Text) && message.Role != ChatRole.Tool && message.ToolCalls.Count == 0 && !HasMedia(message))
            {
                throw new ArgumentException(Invariant($"Message {i} ({message.Role}) has empty text."), param);
            }

            hasConversation |= message.Role != ChatRole.System;
        }

        if (!hasConversation)
        {
            throw new ArgumentException("The request has only system messages; add at least one user message.", param);
        }
    }

    /// <summary>Checks the model and sampling settings: model id, output limit, temperature, top-p, stop sequences, log probabilities.</summary>
    private void ValidateSampling(string param)
    {
        if (ModelId is not null && string.IsNullOrWhiteSpace(ModelId))
        {
            throw new ArgumentException("ModelId is empty; leave it null to use the provider's model.", param);
        }

        if (MaxOutputTokens is <= 0)
        {
            throw new ArgumentException(Invariant($"MaxOutputTokens must be positive (was {MaxOutputTokens})."), param);
        }

        if (Temperature is { } t && (double.IsNaN(t) || t < 0))
        {
            throw new ArgumentException(Invariant($"Temperature must be a number of 0 or more (was {t})."), param);
        }

        if (TopP is { } p && (double.IsNaN(p) || p <= 0 || p > 1))
        {
            throw new ArgumentException(Invariant($"TopP must be greater than 0 and at most 1 (was {p})."), param);
        }

        if (StopSequences.Count > MaxStopSequences)
        {
            throw new ArgumentException(Invariant($"At most {MaxStopSequences} stop sequences are allowed (got {StopSequences.Count})."), param);
        }

        for (var i = 0; i < StopSequences.Count; i++)
        {
            if (string.IsNullOrEmpty(StopSequences[i]))
            {
                throw new ArgumentException(Invariant($"Stop sequence {i} is null or empty."), param);
            }
        }

        if (TopLogprobs is { } top)
        {
            if (top is < 0 or > 8)
            {
                throw new ArgumentException(Invariant($"TopLogprobs must be between 0 and 8 (was {top})."), param);
            }

            if (!IncludeLogprobs)
            {
                throw new ArgumentException("TopLogprobs requires IncludeLogprobs to be true.", param);
            }
        }
    }
}
