using Microsoft.Extensions.AI;

namespace MultiModel.Interop;

/// <summary>Provides the adapters between <see cref="IChatProvider"/> and Microsoft.Extensions.AI's <see cref="IChatClient"/>, both ways.</summary>
public static class ChatClientInteropExtensions
{
    /// <summary>Presents a provider, or a failover chain, as an <see cref="IChatClient"/> for Microsoft.Extensions.AI consumers and middleware.</summary>
    /// <param name="provider">The provider; it stays owned by the caller and is not disposed by the client.</param>
    /// <returns>A thread-safe client that sends every call to <paramref name="provider"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="provider"/> is <see langword="null"/>.</exception>
    /// <remarks>
    /// <para>
    /// <b>Messages.</b> Text, <see cref="FunctionCallContent"/> (assistant tool calls) and <see cref="FunctionResultContent"/>
    /// (tool results; a set <see cref="FunctionResultContent.Exception"/> marks the result as an error) are mapped;
    /// reasoning and other non-media contents are skipped; images and other media throw <see cref="NotSupportedException"/>.
    /// </para>
    /// <para>
    /// <b>Options.</b> <see cref="ChatOptions.Instructions"/> (as a leading system message), <see cref="ChatOptions.ModelId"/>,
    /// <see cref="ChatOptions.MaxOutputTokens"/>, <see cref="ChatOptions.Temperature"/>, <see cref="ChatOptions.TopP"/>,
    /// <see cref="ChatOptions.StopSequences"/>, <see cref="ChatOptions.Tools"/> (function declarations only; other
    /// tools throw <see cref="NotSupportedException"/>), <see cref="ChatOptions.ToolMode"/> and a JSON-schema
    /// <see cref="ChatOptions.ResponseFormat"/> are mapped; a schema-less JSON format, penalties, seed and top-k are ignored.
    /// </para>
    /// <para>
    /// <b>Answers.</b> One assistant message with reasoning, text and function calls, the usage, the finish reason,
    /// model and response ids; <see cref="Microsoft.Extensions.AI.ChatResponse.RawRepresentation"/> (and each update's)
    /// is the library's own <see cref="ChatResponse"/> (<see cref="ChatResponseUpdate"/>), with confidence and attempts.
    /// <see cref="IChatClient.GetService"/> returns a <see cref="ChatClientMetadata"/> built from the provider's
    /// <see cref="IChatProvider.Metadata"/>, and the provider itself for its own types.
    /// </para>
    /// </remarks>
    public static IChatClient AsChatClient(this IChatProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        return new ChatProviderChatClient(provider);
    }

    /// <summary>Presents an <see cref="IChatClient"/> as an <see cref="IChatProvider"/>, so it can take part in a failover chain.</summary>
    /// <param name="chatClient">The client; it stays owned by the caller and is never disposed here.</param>
    /// <param name="name">The provider name, unique within a failover chain.</param>
    /// <returns>A provider that sends every call to <paramref name="chatClient"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="chatClient"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or white space.</exception>
    /// <remarks>
    /// <para>
    /// Requests are validated before the client is called. Tool definitions become function declarations, tool calls
    /// and results become <see cref="FunctionCallContent"/> and <see cref="FunctionResultContent"/>. The client's
    /// failures are wrapped in <see cref="ChatProviderException"/> as far as they tell what happened (an
    /// <see cref="HttpRequestException"/> with its status, a transport failure, a timeout, unreadable JSON), so the
    /// failover classifier treats them like a built-in provider's; the caller's cancellation passes through unchanged.
    /// <see cref="IChatProvider.Metadata"/> comes from the client's <see cref="ChatClientMetadata"/>.
    /// </para>
    /// </remarks>
    public static IChatProvider AsChatProvider(this IChatClient chatClient, string name)
    {
        ArgumentNullException.ThrowIfNull(chatClient);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new ChatClientChatProvider(chatClient, name);
    }
}
