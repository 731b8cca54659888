namespace MultiModel.Benchmarks.Infrastructure;

/// <summary>What every client is asked, and with which credentials: the same for the floor, the SDKs and MultiModel.</summary>
internal static class Scenario
{
    public const string AnthropicKey = "sk-ant-bench-key";
    public const string XaiKey = "xai-bench-key";
    public const string ClaudeModel = "claude-sonnet-4-5";
    public const string GrokModel = "grok-4";

    /// <summary>The length of the canned answer, in tokens (one delta each when streamed).</summary>
    public const int AnswerTokens = 400;

    /// <summary>The token limit sent with every request; above the answer length so that nothing is cut.</summary>
    public const int MaxTokens = 1024;

    /// <summary>
    /// The token limit of the large streamed answers (1 MB / 10 MB of 256-character words, 40,960 words at most): the
    /// most Claude Sonnet 4.5 writes, so the provider's capability check takes the request.
    /// </summary>
    public const int LargeMaxTokens = 64_000;

    public const string Prompt = "Explain in one paragraph why an application would fail over between two LLM providers.";

    public static ChatRequest Request(int maxTokens = MaxTokens) => new(Prompt) { MaxOutputTokens = maxTokens };
}
