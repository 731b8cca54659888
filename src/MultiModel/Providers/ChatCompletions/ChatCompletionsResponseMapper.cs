namespace MultiModel.Providers.ChatCompletions;

/// <summary>Maps the chat-completions answer parts (finish reason, usage, log probabilities) to the core types.</summary>
internal static class ChatCompletionsResponseMapper
{
    /// <summary>Builds the answer from the first choice of a whole <c>chat.completion</c>.</summary>
    /// <remarks>
    /// A <c>refusal</c> sets <see cref="ChatFinishReason.ContentFilter"/>; its text becomes the answer text when
    /// <c>content</c> is empty, so that the refusal is not lost.
    /// </remarks>
    public static ChatResponse ToChatResponse(
        ChatCompletionsResponseDto body,
        ChatCompletionsChoiceDto choice,
        ChatCompletionsAnswerDto message,
        IReadOnlyList<ChatToolCall> toolCalls,
        ChatCompletionsSettings settings)
    {
        var refused = !string.IsNullOrEmpty(message.Refusal);
        return new ChatResponse
        {
            Text = string.IsNullOrEmpty(message.Content) && refused ? message.Refusal! : message.Content ?? string.Empty,
            ReasoningText = string.IsNullOrEmpty(message.ReasoningContent) ? null : message.ReasoningContent,
            ToolCalls = toolCalls,
            ProviderName = settings.ProviderName,
            ModelId = body.Model,
            ResponseId = body.Id,
            FinishReason = refused ? ChatFinishReason.ContentFilter : ToFinishReason(choice.FinishReason),
            RawFinishReason = choice.FinishReason,
            Usage = ToUsage(body.Usage, settings.ReasoningAccounting) ?? new ChatUsage(),
            Logprobs = ToLogprobs(choice.Logprobs),
        };
    }

    /// <summary>Normalizes a <c>finish_reason</c>.</summary>
    public static ChatFinishReason ToFinishReason(string? raw) => raw switch
    {
        "stop" => ChatFinishReason.Stop,
        "length" => ChatFinishReason.Length,
        "content_filter" => ChatFinishReason.ContentFilter,
        "tool_calls" or "function_call" => ChatFinishReason.ToolCalls,
        _ => ChatFinishReason.Other,
    };

    /// <summary>Normalizes a <c>usage</c> object so that <see cref="ChatUsage.OutputTokens"/> counts reasoning exactly once.</summary>
    /// <remarks>
    /// <para>
    /// With reasoning tokens r, prompt p, completion c and total t: t = p + c + r means c excludes reasoning (xAI),
    /// so output = c + r; t = p + c means c includes it (OpenAI), so output = c. When t is missing or matches
    /// neither, <paramref name="fallback"/> decides.
    /// </para>
    /// </remarks>
    /// <returns>The usage, or <see langword="null"/> when <paramref name="usage"/> is <see langword="null"/>.</returns>
    public static ChatUsage? ToUsage(ChatCompletionsUsageDto? usage, ReasoningTokenAccounting fallback)
    {
        if (usage is null)
        {
            return null;
        }

        var prompt = usage.PromptTokens ?? 0;
        var completion = usage.CompletionTokens ?? 0;
        var reasoning = usage.CompletionTokensDetails?.ReasoningTokens ?? 0;
        var accounting = usage.TotalTokens switch
        {
            { } total when reasoning != 0 && total == prompt + completion + reasoning => ReasoningTokenAccounting.ExcludedFromCompletion,
            { } total when total == prompt + completion => ReasoningTokenAccounting.IncludedInCompletion,
            _ => fallback,
        };

        return new ChatUsage
        {
            InputTokens = prompt,
            OutputTokens = accounting == ReasoningTokenAccounting.ExcludedFromCompletion ? completion + reasoning : completion,
            ReasoningTokens = reasoning,
            CacheReadTokens = usage.PromptTokensDetails?.CachedTokens ?? 0,
        };
    }

    /// <summary>Reads <c>logprobs.content</c>; <see langword="null"/> means the provider gave none.</summary>
    public static List<TokenLogprob>? ToLogprobs(ChatCompletionsLogprobsDto? logprobs)
    {
        if (logprobs?.Content is not { } content)
        {
            return null;
        }

        var result = new List<TokenLogprob>(content.Count);
        foreach (var token in content)
        {
            if (token is not null)
            {
                result.Add(new TokenLogprob(token.Token ?? string.Empty, token.Logprob));
            }
        }

        return result;
    }
}
