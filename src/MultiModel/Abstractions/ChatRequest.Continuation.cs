using System.Diagnostics.CodeAnalysis;
using MultiModel.Internal;

namespace MultiModel;

/// <summary>The continuation of a partial answer: <see cref="ContinueFinalMessage"/> and its rules.</summary>
public sealed partial class ChatRequest
{
    /// <summary>The instruction a provider without a true prefix continuation sends after the partial answer (see <see cref="ContinueFinalMessage"/>).</summary>
    [Experimental(Experiments.StreamResumption, UrlFormat = Experiments.UrlFormat)]
    public const string ContinuationInstruction =
        "Your previous answer was cut off. Continue it from exactly where it stops, even in the middle of a word: write only the rest, without repeating anything and without any introduction.";

    /// <summary>Gets or sets a value indicating whether the model continues the final message, a partial assistant answer, instead of answering the conversation anew.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    /// <remarks>
    /// <para>
    /// The answer then holds only the rest of the text. Each provider writes the request in its own format: Claude
    /// continues the final assistant message itself (a prefill, its trailing white space removed as the API requires)
    /// on models that take one and without extended thinking, and otherwise, like the chat-completions providers, receives the partial answer as an
    /// assistant message followed by a user message with <see cref="ContinuationInstruction"/>. A provider that cannot
    /// continue an answer says so through <see cref="IChatProvider.CheckRequest"/>; the default implementation does.
    /// A failover chain with <c>ResumeStreams</c> on builds such requests itself to finish a broken stream.
    /// </para>
    /// </remarks>
    [Experimental(Experiments.StreamResumption, UrlFormat = Experiments.UrlFormat)]
    public bool ContinueFinalMessage { get; set; }

    /// <summary>Creates the request that asks for the rest of a partial answer to this request.</summary>
    /// <param name="partialAnswer">The text the answer has so far; it has text other than white space.</param>
    /// <returns>A copy of this request ending with the partial answer, with <see cref="ContinueFinalMessage"/> set; when this request already continues a partial answer, that answer is extended.</returns>
    internal ChatRequest ToContinuation(string partialAnswer)
    {
        var continuation = Clone();
        continuation.ContinueFinalMessage = true;
        if (ContinueFinalMessage)
        {
            continuation.Messages[^1] = ChatMessage.FromAssistant(Messages[^1].Text + partialAnswer);
        }
        else
        {
            continuation.Messages.Add(ChatMessage.FromAssistant(partialAnswer));
        }

        return continuation;
    }

    /// <summary>Checks that a request with <see cref="ContinueFinalMessage"/> ends with an assistant message of text only.</summary>
    private void ValidateContinuation(string param)
    {
        if (ContinueFinalMessage && Messages[^1] is not { Role: ChatRole.Assistant, ToolCalls.Count: 0, Parts.Count: 0 })
        {
            throw new ArgumentException("ContinueFinalMessage needs a conversation that ends with an assistant message of text only (the partial answer to continue).", param);
        }
    }
}
