using System.Runtime.CompilerServices;

namespace MultiModel.Testing.Internal;

/// <summary>Runs a <see cref="FakeChatStep"/> as a whole or streamed call.</summary>
internal static class FakeStepRunner
{
    public static async Task<ChatResponse> RunAsync(FakeChatStep step, FakeStepContext context, CancellationToken cancellationToken)
    {
        await DelayAsync(step.Delay, context.TimeProvider, cancellationToken).ConfigureAwait(false);
        switch (step.Kind)
        {
            case FakeStepKind.Response:
                return step.Response!;
            case FakeStepKind.Failure:
            case FakeStepKind.StreamThenFail:
                throw step.Exception!;
            case FakeStepKind.Hang:
                await DelayAsync(Timeout.InfiniteTimeSpan, context.TimeProvider, cancellationToken).ConfigureAwait(false);
                throw new OperationCanceledException(cancellationToken);
            default:
                var text = step.Kind == FakeStepKind.Stream ? string.Concat(step.Pieces) : step.Text!;
                return new ChatResponse
                {
                    Text = text,
                    ProviderName = context.ProviderName,
                    ModelId = context.ModelId,
                    ResponseId = NewResponseId(),
                    FinishReason = step.FinishReason,
                    RawFinishReason = RawFinishReason(step.FinishReason),
                    Usage = Usage(context.Request, text),
                };
        }
    }

    public static async IAsyncEnumerable<ChatResponseUpdate> StreamAsync(
        FakeChatStep step,
        FakeStepContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await DelayAsync(step.Delay, context.TimeProvider, cancellationToken).ConfigureAwait(false);
        if (step.Kind == FakeStepKind.Failure)
        {
            throw step.Exception!;
        }

        if (step.Kind == FakeStepKind.Hang)
        {
            await DelayAsync(Timeout.InfiniteTimeSpan, context.TimeProvider, cancellationToken).ConfigureAwait(false);
            throw new OperationCanceledException(cancellationToken);
        }

        var response = step.Response;
        var responseId = response?.ResponseId ?? NewResponseId();
        var modelId = response?.ModelId ?? context.ModelId;
        var providerName = response?.ProviderName ?? context.ProviderName;
        IReadOnlyList<string> pieces = step.Kind switch
        {
            FakeStepKind.Stream or FakeStepKind.StreamThenFail => step.Pieces,
            FakeStepKind.Response => response!.Text.Length == 0 ? [] : [response.Text],
            _ => step.Text!.Length == 0 ? [] : [step.Text],
        };

        foreach (var piece in pieces)
        {
            await DelayAsync(step.PieceDelay, context.TimeProvider, cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            yield return new ChatResponseUpdate { Text = piece, ProviderName = providerName, ModelId = modelId, ResponseId = responseId };
        }

        if (step.Kind == FakeStepKind.StreamThenFail)
        {
            throw step.Exception!;
        }

        var finishReason = response?.FinishReason ?? step.FinishReason;
        yield return new ChatResponseUpdate
        {
            ProviderName = providerName,
            ModelId = modelId,
            ResponseId = responseId,
            IsFinal = true,
            FinishReason = finishReason,
            RawFinishReason = response?.RawFinishReason ?? RawFinishReason(finishReason),
            Usage = response?.Usage ?? Usage(context.Request, string.Concat(pieces)),
            Logprobs = response?.Logprobs,
        };
    }

    /// <summary>Estimates tokens the rough way providers' rules of thumb do: about four characters per token.</summary>
    public static long EstimateTokens(string text) => (text.Length + 3) / 4;

    private static ChatUsage Usage(ChatRequest request, string answer)
    {
        long input = 0;
        foreach (var message in request.Messages)
        {
            input += EstimateTokens(message.Text) + 3;
        }

        return new ChatUsage { InputTokens = input, OutputTokens = Math.Max(1, EstimateTokens(answer)) };
    }

    private static string RawFinishReason(ChatFinishReason reason) => reason switch
    {
        ChatFinishReason.Stop => "stop",
        ChatFinishReason.Length => "length",
        ChatFinishReason.ContentFilter => "content_filter",
        ChatFinishReason.ToolCalls => "tool_calls",
        _ => "other",
    };

    private static string NewResponseId() => "fake-" + Guid.NewGuid().ToString("N")[..12];

    private static Task DelayAsync(TimeSpan delay, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return delay == TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, timeProvider, cancellationToken);
    }
}
