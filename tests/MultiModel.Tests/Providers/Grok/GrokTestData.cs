using MultiModel.Providers.Grok;

namespace MultiModel.Tests.Providers.Grok;

/// <summary>Small builders for Grok tests.</summary>
internal static class GrokTestData
{
    public const string ApiKey = "xai-UNIQUE-test-key-7f3c9a";
    public const string Url = "https://api.x.ai/v1/chat/completions";

    public static GrokChatProvider CreateProvider(HttpClient client, Action<GrokProviderOptions>? configure = null)
    {
        var options = new GrokProviderOptions { ApiKey = ApiKey };
        configure?.Invoke(options);
        return new GrokChatProvider(client, options);
    }

    public static string Completion(string message, string finishReason = "stop", string usage = Usage, string extraChoice = "") => $$"""
        {"id":"resp-1","object":"chat.completion","created":1767000000,"model":"grok-4-0709",
         "choices":[{"index":0,"message":{{message}},"finish_reason":"{{finishReason}}"{{extraChoice}}}],
         "usage":{{usage}}}
        """;

    public const string Usage = """
        {"prompt_tokens":20,"completion_tokens":5,"total_tokens":45,
         "prompt_tokens_details":{"cached_tokens":8},"completion_tokens_details":{"reasoning_tokens":20}}
        """;

    public static string Chunk(string delta, string? finishReason = null, string extraChoice = "") =>
        $$"""{"id":"resp-2","object":"chat.completion.chunk","model":"grok-3-mini","choices":[{"index":0,"delta":{{delta}}{{(finishReason is null ? "" : $",\"finish_reason\":\"{finishReason}\"")}}{{extraChoice}}}]}""";

    public static string UsageChunk(string usage = Usage) =>
        $$"""{"id":"resp-2","object":"chat.completion.chunk","model":"grok-3-mini","choices":[],"usage":{{usage.ReplaceLineEndings(" ")}}}""";
}
