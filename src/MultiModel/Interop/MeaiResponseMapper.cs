using System.Text;
using Microsoft.Extensions.AI;
using AI = Microsoft.Extensions.AI;

namespace MultiModel.Interop;

/// <summary>Maps answers and streamed pieces between <see cref="ChatResponse"/>/<see cref="ChatResponseUpdate"/> and their Microsoft.Extensions.AI counterparts, both ways.</summary>
internal static class MeaiResponseMapper
{
    /// <summary>Builds an MEAI answer: one assistant message (reasoning, text, function calls), usage and finish reason; the raw representation is our answer.</summary>
    public static AI.ChatResponse ToMeai(ChatResponse response)
    {
        var message = new AI.ChatMessage(AI.ChatRole.Assistant, Contents(response.Text, response.ReasoningText, response.ReasoningParts, response.ToolCalls))
        {
            MessageId = response.ResponseId,
            RawRepresentation = response,
        };
        return new AI.ChatResponse(message)
        {
            ResponseId = response.ResponseId,
            ModelId = response.ModelId,
            FinishReason = ToMeai(response.FinishReason, response.RawFinishReason),
            Usage = ToMeai(response.Usage),
            RawRepresentation = response,
        };
    }

    /// <summary>Builds an MEAI update; completed reasoning blocks become reasoning contents without text (already streamed) carrying their protected data; the final piece also carries the usage as <see cref="UsageContent"/>.</summary>
    public static AI.ChatResponseUpdate ToMeai(ChatResponseUpdate update)
    {
        var contents = Contents(update.Text, update.ReasoningText, [], update.ToolCalls ?? []);
        foreach (var part in update.ReasoningParts ?? [])
        {
            contents.Add(MeaiContentMapper.ToContent(part, string.Empty));
        }

        if (update.Usage is { } usage)
        {
            contents.Add(new UsageContent(ToMeai(usage)));
        }

        return new AI.ChatResponseUpdate(AI.ChatRole.Assistant, contents)
        {
            ResponseId = update.ResponseId,
            MessageId = update.ResponseId,
            ModelId = update.ModelId,
            FinishReason = update.IsFinal && update.FinishReason is { } reason ? ToMeai(reason, update.RawFinishReason) : null,
            RawRepresentation = update,
        };
    }

    /// <summary>Builds our answer from an MEAI answer: text and reasoning of every message (reasoning with protected data also as parts), every function call.</summary>
    public static ChatResponse FromMeai(AI.ChatResponse response, string providerName)
    {
        var text = new StringBuilder();
        var reasoning = new StringBuilder();
        var calls = new List<ChatToolCall>();
        var parts = new List<ChatReasoningPart>();
        foreach (var message in response.Messages)
        {
            Collect(message.Contents, text, reasoning, calls, parts);
        }

        var (finish, raw) = FromMeai(response.FinishReason);
        return new ChatResponse
        {
            Text = text.ToString(),
            ReasoningText = reasoning.Length == 0 ? null : reasoning.ToString(),
            ReasoningParts = parts,
            ToolCalls = calls,
            ProviderName = providerName,
            ModelId = response.ModelId,
            ResponseId = response.ResponseId,
            FinishReason = finish,
            RawFinishReason = raw,
            Usage = FromMeai(response.Usage) ?? new ChatUsage(),
        };
    }

    /// <summary>Builds our piece from an MEAI update, or returns <see langword="null"/> when it adds no text, reasoning or tool call.</summary>
    public static ChatResponseUpdate? FromMeai(AI.ChatResponseUpdate update, string providerName)
    {
        var text = new StringBuilder();
        var reasoning = new StringBuilder();
        var calls = new List<ChatToolCall>();
        var parts = new List<ChatReasoningPart>();
        Collect(update.Contents, text, reasoning, calls, parts);
        if (text.Length == 0 && reasoning.Length == 0 && calls.Count == 0 && parts.Count == 0)
        {
            return null;
        }

        return new ChatResponseUpdate
        {
            Text = text.Length == 0 ? null : text.ToString(),
            ReasoningText = reasoning.Length == 0 ? null : reasoning.ToString(),
            ReasoningParts = parts.Count == 0 ? null : parts,
            ToolCalls = calls.Count == 0 ? null : calls,
            ProviderName = providerName,
            ModelId = update.ModelId,
            ResponseId = update.ResponseId,
        };
    }

    public static AI.ChatFinishReason? ToMeai(MultiModel.ChatFinishReason reason, string? raw) => reason switch
    {
        MultiModel.ChatFinishReason.Stop => AI.ChatFinishReason.Stop,
        MultiModel.ChatFinishReason.Length => AI.ChatFinishReason.Length,
        MultiModel.ChatFinishReason.ContentFilter => AI.ChatFinishReason.ContentFilter,
        MultiModel.ChatFinishReason.ToolCalls => AI.ChatFinishReason.ToolCalls,
        _ => string.IsNullOrWhiteSpace(raw) ? null : new AI.ChatFinishReason(raw),
    };

    public static (MultiModel.ChatFinishReason Reason, string? Raw) FromMeai(AI.ChatFinishReason? reason)
    {
        if (reason is not { } value)
        {
            return (MultiModel.ChatFinishReason.Other, null);
        }

        var mapped = value == AI.ChatFinishReason.Stop ? MultiModel.ChatFinishReason.Stop
            : value == AI.ChatFinishReason.Length ? MultiModel.ChatFinishReason.Length
            : value == AI.ChatFinishReason.ContentFilter ? MultiModel.ChatFinishReason.ContentFilter
            : value == AI.ChatFinishReason.ToolCalls ? MultiModel.ChatFinishReason.ToolCalls
            : MultiModel.ChatFinishReason.Other;
        return (mapped, value.Value);
    }

    public static UsageDetails ToMeai(ChatUsage usage)
    {
        var details = new UsageDetails
        {
            InputTokenCount = usage.InputTokens,
            OutputTokenCount = usage.OutputTokens,
            TotalTokenCount = usage.TotalTokens,
            CachedInputTokenCount = usage.CacheReadTokens,
            ReasoningTokenCount = usage.ReasoningTokens,
        };
        if (usage.CacheWriteTokens != 0)
        {
            details.AdditionalCounts = new() { [CacheWriteTokensKey] = usage.CacheWriteTokens };
        }

        return details;
    }

    public static ChatUsage? FromMeai(UsageDetails? usage) => usage is null ? null : new ChatUsage
    {
        InputTokens = usage.InputTokenCount ?? 0,
        OutputTokens = usage.OutputTokenCount ?? 0,
        CacheReadTokens = usage.CachedInputTokenCount ?? 0,
        ReasoningTokens = usage.ReasoningTokenCount ?? 0,
        CacheWriteTokens = usage.AdditionalCounts?.TryGetValue(CacheWriteTokensKey, out var written) == true ? written : 0,
    };

    /// <summary>The <see cref="UsageDetails.AdditionalCounts"/> key of <see cref="ChatUsage.CacheWriteTokens"/>.</summary>
    public const string CacheWriteTokensKey = "CacheWriteInputTokenCount";

    private static List<AIContent> Contents(string? text, string? reasoning, IReadOnlyList<ChatReasoningPart> reasoningParts, IReadOnlyList<ChatToolCall> toolCalls)
    {
        var contents = new List<AIContent>(toolCalls.Count + reasoningParts.Count + 2);
        if (reasoningParts.Count > 0)
        {
            contents.AddRange(reasoningParts.Select(MeaiContentMapper.ToContent));
        }
        else if (!string.IsNullOrEmpty(reasoning))
        {
            contents.Add(new TextReasoningContent(reasoning));
        }

        if (!string.IsNullOrEmpty(text))
        {
            contents.Add(new TextContent(text));
        }

        foreach (var call in toolCalls)
        {
            contents.Add(new FunctionCallContent(call.Id, call.Name, MeaiJson.ToDictionary(call.Arguments)) { RawRepresentation = call });
        }

        return contents;
    }

    private static void Collect(IList<AIContent> contents, StringBuilder text, StringBuilder reasoning, List<ChatToolCall> calls, List<ChatReasoningPart> parts)
    {
        foreach (var content in contents)
        {
            switch (content)
            {
                case TextContent part:
                    text.Append(part.Text);
                    break;
                case TextReasoningContent part:
                    reasoning.Append(part.Text);
                    if (part.RawRepresentation is ChatReasoningPart || !string.IsNullOrEmpty(part.ProtectedData))
                    {
                        parts.Add(MeaiContentMapper.ToReasoningPart(part));
                    }

                    break;
                case FunctionCallContent call:
                    calls.Add(new ChatToolCall(call.CallId, call.Name, MeaiJson.ToJsonObject(call.Arguments)));
                    break;
            }
        }
    }
}
