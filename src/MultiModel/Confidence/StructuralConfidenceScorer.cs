using MultiModel.Internal;

namespace MultiModel.Confidence;

/// <summary>Scores an answer by its shape: how it ended, whether it has any text or tool calls, and whether it matches the requested schema.</summary>
/// <remarks>
/// <para>
/// A whole answer scores 0 when it has neither text (other than white space) nor tool calls, 0 when the provider
/// refused or filtered it (<see cref="ChatFinishReason.ContentFilter"/>), <see cref="TruncatedConfidence"/> when a
/// token limit cut it (<see cref="ChatFinishReason.Length"/>), and 1 otherwise (a normal stop carries no penalty).
/// The scorer gives no opinion on the partial head of a stream, whose end is not known yet.
/// </para>
/// <para>
/// <b>Structured output.</b> When the request has a <see cref="ChatRequest.ResponseFormat"/> and
/// <see cref="ValidateResponseFormat"/> is on, an answer text that is not JSON matching the schema scores 0, so a
/// failover chain moves on to the next provider. The schema is checked with the subset described at
/// <see cref="ValidatorConfidenceScorer.JsonSchema"/>. An answer that only asks for tool calls is not checked.
/// </para>
/// </remarks>
public sealed class StructuralConfidenceScorer : IConfidenceScorer
{
    /// <summary>The <see cref="ConfidenceOpinion.Source"/> of this scorer's opinions.</summary>
    public const string SourceName = "structural";

    /// <summary>The opinion on a complete answer, shared because opinions are immutable and it is by far the most common.</summary>
    private static readonly ConfidenceOpinion Complete = new(SourceName, 1, "complete");

    /// <summary>The opinion on an answer made of tool calls only, shared for the same reason.</summary>
    private static readonly ConfidenceOpinion ToolCallsOnly = new(SourceName, 1, "tool calls");

    private double _truncatedConfidence = 0.3;

    /// <summary>Gets or sets the confidence given to an answer cut by a token limit.</summary>
    /// <value>The default value is 0.3.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [0, 1].</exception>
    public double TruncatedConfidence
    {
        get => _truncatedConfidence;
        set
        {
            if (!UnitInterval.Contains(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "A confidence is between 0 and 1.");
            }

            _truncatedConfidence = value;
        }
    }

    /// <summary>Gets or sets a value indicating whether an answer must match the request's <see cref="ChatRequest.ResponseFormat"/> schema.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool ValidateResponseFormat { get; set; } = true;

    /// <inheritdoc/>
    public ValueTask<ConfidenceOpinion?> ScoreAsync(ConfidenceContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult(Score(context));
    }

    /// <summary>Scores a whole answer from its parts, without a <see cref="ConfidenceContext"/>.</summary>
    internal ConfidenceOpinion ScoreWhole(string text, ChatFinishReason? finishReason, int toolCallCount, ChatResponseFormat? responseFormat)
    {
        var onlyToolCalls = string.IsNullOrWhiteSpace(text);
        if (onlyToolCalls && toolCallCount == 0)
        {
            return new ConfidenceOpinion(SourceName, 0, "empty answer");
        }

        return finishReason switch
        {
            ChatFinishReason.ContentFilter => new ConfidenceOpinion(SourceName, 0, "refused or filtered"),
            ChatFinishReason.Length => new ConfidenceOpinion(SourceName, TruncatedConfidence, "truncated by a token limit"),
            _ when onlyToolCalls => ToolCallsOnly,
            _ when ValidateResponseFormat && responseFormat is not null
                && JsonSchemaSubset.ValidateText(responseFormat.Schema, text) is { } mismatch
                => new ConfidenceOpinion(SourceName, 0, "does not match the response schema: " + mismatch),
            _ => Complete,
        };
    }

    private ConfidenceOpinion? Score(ConfidenceContext context) =>
        context.IsPartial ? null : ScoreWhole(context.Text, context.FinishReason, context.ToolCalls.Count, context.Request.ResponseFormat);
}
