using System.Globalization;
using System.Text.Json;

namespace MultiModel.Providers.ChatCompletions;

/// <summary>Turns a <see cref="ChatRequest"/> into the JSON body and the HTTP request of <c>POST /chat/completions</c>.</summary>
internal static class ChatCompletionsRequestWriter
{
    private static readonly ChatCompletionsStreamOptionsDto IncludeUsage = new() { IncludeUsage = true };

    /// <summary>Validates the request and serializes its body once to UTF-8 bytes.</summary>
    /// <exception cref="ArgumentException">The request is not valid for the chat-completions format.</exception>
    public static byte[] WriteBody(ChatRequest request, ChatCompletionsSettings settings, bool streaming)
    {
        request.Validate();
        if (request.StopSequences.Count > ChatCompletionsSettings.MaxStopSequences)
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"{settings.ProviderName} accepts at most {ChatCompletionsSettings.MaxStopSequences} stop sequences (got {request.StopSequences.Count})."),
                nameof(request));
        }

        var messages = new ChatCompletionsMessageDto[request.Messages.Count];
        for (var i = 0; i < messages.Length; i++)
        {
            var message = request.Messages[i];
            messages[i] = new ChatCompletionsMessageDto { Role = RoleName(message.Role), Content = message.Text };
        }

        var body = new ChatCompletionsRequestDto
        {
            Model = request.ModelId ?? settings.Model,
            Messages = messages,
            MaxCompletionTokens = request.MaxOutputTokens ?? settings.MaxOutputTokens,
            Temperature = request.Temperature,
            TopP = request.TopP,
            Stop = request.StopSequences.Count == 0 ? null : [.. request.StopSequences],
            Logprobs = request.IncludeLogprobs ? true : null,
            TopLogprobs = request.IncludeLogprobs ? request.TopLogprobs : null,
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

    private static string RoleName(ChatRole role) => role switch
    {
        ChatRole.System => "system",
        ChatRole.User => "user",
        _ => "assistant",
    };
}
