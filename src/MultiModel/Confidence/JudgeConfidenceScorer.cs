using System.Globalization;
using System.Text;
using MultiModel.Internal;

namespace MultiModel.Confidence;

/// <summary>Scores an answer by asking another model (the judge) to rate it from 0 to 1.</summary>
/// <remarks>
/// <para>
/// Opt-in and costly: every judged answer is one more model call. The judge receives <see cref="Instructions"/>
/// as a system message and one user message that quotes the conversation and the answer:
/// <c>CONVERSATION:</c> (one <c>role: text</c> line per message), then <c>ANSWER:</c> and the answer.
/// The request asks for temperature 0 and at most <see cref="MaxOutputTokens"/> tokens.
/// </para>
/// <para>
/// The reply is read robustly: the first number that reads as a value from 0 to 1 counts (<c>0.8</c>,
/// <c>80%</c>, <c>8/10</c>, <c>4 out of 5</c>). A reply without such a number gives the opinion 0. When the judge
/// fails (any exception but cancellation and <see cref="ArgumentException"/>; a failover chain may be the
/// judge), the opinion is <see cref="FailureConfidence"/>. The judge's token usage is reported in <see cref="ConfidenceOpinion.Usage"/>.
/// The judge never scores the partial head of a stream, nor an answer made only of tool calls (no text to judge).
/// </para>
/// </remarks>
public sealed class JudgeConfidenceScorer : IConfidenceScorer
{
    /// <summary>The default instructions sent to the judge.</summary>
    public const string DefaultInstructions =
        "You grade answers written by another AI assistant. Rate how likely the ANSWER is a correct, complete and "
        + "appropriate reply to the last user message of the CONVERSATION, as a number from 0 (certainly wrong) to 1 "
        + "(certainly right). Reply with the number only.";

    private readonly IChatProvider _judge;
    private double _failureConfidence;
    private int _maxOutputTokens = 16;
    private string _instructions = DefaultInstructions;

    /// <summary>Initializes a new instance of the <see cref="JudgeConfidenceScorer"/> class.</summary>
    /// <param name="judge">The provider that rates answers. It is not disposed by the scorer.</param>
    /// <exception cref="ArgumentNullException"><paramref name="judge"/> is <see langword="null"/>.</exception>
    public JudgeConfidenceScorer(IChatProvider judge)
    {
        ArgumentNullException.ThrowIfNull(judge);
        _judge = judge;
        Source = "judge:" + judge.Name;
    }

    /// <summary>Gets the <see cref="ConfidenceOpinion.Source"/> of this scorer's opinions: <c>judge:</c> and the judge's name.</summary>
    public string Source { get; }

    /// <summary>Gets or sets the system instructions sent to the judge.</summary>
    /// <value>The default value is <see cref="DefaultInstructions"/>.</value>
    /// <exception cref="ArgumentException">The value is null or white space.</exception>
    public string Instructions
    {
        get => _instructions;
        set
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value);
            _instructions = value;
        }
    }

    /// <summary>Gets or sets the largest number of tokens the judge may generate (raise it for reasoning models).</summary>
    /// <value>The default value is 16.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public int MaxOutputTokens
    {
        get => _maxOutputTokens;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            _maxOutputTokens = value;
        }
    }

    /// <summary>Gets or sets the confidence given when the judge itself fails.</summary>
    /// <value>The default value is 0: an answer that could not be judged is not trusted.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [0, 1].</exception>
    public double FailureConfidence
    {
        get => _failureConfidence;
        set
        {
            if (!UnitInterval.Contains(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "A confidence is between 0 and 1.");
            }

            _failureConfidence = value;
        }
    }

    /// <inheritdoc/>
    public async ValueTask<ConfidenceOpinion?> ScoreAsync(ConfidenceContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.IsPartial || (context.ToolCalls.Count > 0 && string.IsNullOrWhiteSpace(context.Text)))
        {
            return null;
        }

        ChatResponse verdict;
        try
        {
            verdict = await _judge.GetResponseAsync(BuildRequest(context), cancellationToken).ConfigureAwait(false);
        }
        catch (ChatProviderException ex)
        {
            return new ConfidenceOpinion(Source, FailureConfidence, Invariant($"judge failed: {ex.Kind} {ex.StatusCode}"));
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not ArgumentException)
        {
            // The judge may itself be a failover chain; its failure is recorded in the opinion, not thrown.
            return new ConfidenceOpinion(Source, FailureConfidence, "judge failed: " + ex.GetType().Name);
        }

        var cost = Invariant($"judge usage in={verdict.Usage.InputTokens} out={verdict.Usage.OutputTokens}");
        return JudgeReplyParser.TryParse(verdict.Text, out var value)
            ? new ConfidenceOpinion(Source, value, Invariant($"rated {value:0.###} by {verdict.ModelId ?? verdict.ProviderName}; {cost}")) { Usage = verdict.Usage }
            : new ConfidenceOpinion(Source, 0, "judge reply has no rating; " + cost) { Usage = verdict.Usage };
    }

    private ChatRequest BuildRequest(ConfidenceContext context)
    {
        var quoted = new StringBuilder("CONVERSATION:\n");
        foreach (var message in context.Request.Messages)
        {
            quoted.Append(message.Role.ToString().ToLowerInvariant()).Append(": ").Append(message.Text).Append('\n');
        }

        quoted.Append("\nANSWER:\n").Append(context.Text);
        return new ChatRequest([ChatMessage.FromSystem(Instructions), ChatMessage.FromUser(quoted.ToString())])
        {
            Temperature = 0,
            MaxOutputTokens = MaxOutputTokens,
        };
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
