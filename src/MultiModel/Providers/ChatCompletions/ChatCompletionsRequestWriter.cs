using System.Text.Json;
using MultiModel.Internal;

namespace MultiModel.Providers.ChatCompletions;

/// <summary>Turns a <see cref="ChatRequest"/> into the JSON body and the HTTP request of <c>POST /chat/completions</c>.</summary>
internal static class ChatCompletionsRequestWriter
{
    /// <summary>The text put before the result of a failed tool, since the format has no error flag.</summary>
    public const string ToolErrorPrefix = "Error: ";

    private static readonly ChatCompletionsStreamOptionsDto IncludeUsage = new() { IncludeUsage = true };

    /// <summary>
    /// The user turn that follows a partial answer (<see cref="ChatRequest.ContinueFinalMessage"/>). Neither xAI nor
    /// OpenAI documents a prefix continuation for chat completions; some other endpoints do (DeepSeek and Mistral with
    /// <c>"prefix": true</c> on the last assistant message, vLLM with <c>continue_final_message</c>), but no field is
    /// sent that an endpoint could reject, so every one gets the instruction.
    /// </summary>
    private static readonly ChatCompletionsMessageDto ContinuationInstruction = new() { Role = "user", Content = ChatRequest.ContinuationInstruction };

    /// <summary>Validates the request and serializes its body once to UTF-8 bytes.</summary>
    /// <exception cref="ArgumentException">The request is not valid for the chat-completions format, or more than the model can take (the reason <see cref="ChatCompletionsRequestCheck"/> gives).</exception>
    public static byte[] WriteBody(ChatRequest request, ChatCompletionsSettings settings, bool streaming)
    {
        request.Validate();
        var model = request.ModelId ?? settings.Model;
        var capabilities = settings.CapabilitiesFor(model);
        RequestSupport.ThrowIfUnsupported(request, ChatCompletionsRequestCheck.Check(request, settings, model, capabilities), settings.ProviderName);

        var count = request.Messages.Count;
        var messages = new ChatCompletionsMessageDto[request.ContinueFinalMessage ? count + 1 : count];
        for (var i = 0; i < count; i++)
        {
            messages[i] = ToMessage(request.Messages[i]);
        }

        if (request.ContinueFinalMessage)
        {
            messages[count] = ContinuationInstruction;
        }

        var body = new ChatCompletionsRequestDto
        {
            Model = model,
            Messages = messages,
            MaxCompletionTokens = request.MaxOutputTokens ?? settings.MaxOutputTokens,
            Temperature = request.Temperature,
            TopP = request.TopP,
            Stop = request.StopSequences.Count == 0 ? null : [.. request.StopSequences],
            Logprobs = request.IncludeLogprobs && capabilities.Logprobs ? true : null,
            TopLogprobs = request.IncludeLogprobs && capabilities.Logprobs ? request.TopLogprobs : null,
            Tools = request.Tools.Count == 0 ? null : [.. request.Tools.Select(ToTool)],
            ToolChoice = request.Tools.Count == 0 ? null : ChatCompletionsToolChoiceDto.From(request.ToolChoice),
            ResponseFormat = request.ResponseFormat is { } format ? ToResponseFormat(format) : null,
            ReasoningEffort = request.Reasoning?.ResolvedEffort switch
            {
                null => null,
                ChatReasoningEffort.Low => "low",
                ChatReasoningEffort.Medium => "medium",
                _ => "high",
            },
            Stream = streaming ? true : null,
            StreamOptions = streaming ? IncludeUsage : null,
        };
        return JsonSerializer.SerializeToUtf8Bytes(body, ChatCompletionsJsonContext.Default.ChatCompletionsRequestDto);
    }

    /// <summary>Creates the HTTP request for a serialized body.</summary>
    public static HttpRequestMessage CreateHttpRequest(byte[] body, ChatCompletionsSettings settings)
    {
        // Raw header values: nothing to parse or format per request (a reader of the typed headers still gets them parsed).
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        var message = new HttpRequestMessage(HttpMethod.Post, settings.Endpoint) { Content = content };
        if (settings.AuthorizationValue is { } authorization)
        {
            message.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        foreach (var (name, value) in settings.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        return message;
    }

    /// <summary>Writes one message: a user message's parts as content parts, assistant tool calls as <c>tool_calls</c> (arguments as a JSON string), tool results as role <c>tool</c>.</summary>
    /// <remarks>
    /// The format has no error flag for tool results: a failed tool's result is sent with <see cref="ToolErrorPrefix"/>
    /// in front. It has no place for reasoning either: an assistant message is sent its text. Cache marks are not
    /// written; OpenAI-style servers cache prompt prefixes on their own.
    /// </remarks>
    private static ChatCompletionsMessageDto ToMessage(ChatMessage message) => message.Role switch
    {
        ChatRole.System => new() { Role = "system", Content = message.Text },
        ChatRole.User when message.Parts.Count > 0 => new() { Role = "user", Content = ChatCompletionsContent.FromParts(message.Parts) },
        ChatRole.User => new() { Role = "user", Content = message.Text },
        ChatRole.Tool => new() { Role = "tool", Content = message.IsToolError ? ToolErrorPrefix + message.Text : message.Text, ToolCallId = message.ToolCallId },
        _ when message.ToolCalls.Count > 0 => new()
        {
            Role = "assistant",
            Content = string.IsNullOrEmpty(message.Text) ? default(ChatCompletionsContent?) : message.Text,
            ToolCalls = [.. message.ToolCalls.Select(static call => new ChatCompletionsToolCallDto
            {
                Id = call.Id,
                Type = "function",
                Function = new ChatCompletionsFunctionCallDto { Name = call.Name, Arguments = call.ArgumentsJson },
            })],
        },
        _ => new() { Role = "assistant", Content = message.Text },
    };

    private static ChatCompletionsToolDto ToTool(ChatToolDefinition tool) => new()
    {
        Function = new ChatCompletionsFunctionDto { Name = tool.Name, Description = tool.Description, Parameters = tool.ParametersSchema },
    };

    private static ChatCompletionsResponseFormatDto ToResponseFormat(ChatResponseFormat format) => new()
    {
        JsonSchema = new ChatCompletionsJsonSchemaDto { Name = format.SchemaName, Description = format.SchemaDescription, Schema = format.Schema },
    };
}
