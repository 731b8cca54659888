using System.Globalization;

namespace MultiModel;

/// <summary>Represents how much the model should reason before it answers: an effort, a token budget, or both.</summary>
/// <remarks>
/// <para>
/// Claude receives <c>thinking: {"type":"enabled","budget_tokens":…}</c>: <see cref="BudgetTokens"/>, else the budget
/// of the <see cref="Effort"/> (Low 1,024, Medium 4,096, High 16,384). Its <c>max_tokens</c> covers the thinking:
/// when the request sets no <see cref="ChatRequest.MaxOutputTokens"/>, the budget is added to the provider's default
/// output cap. OpenAI-style providers receive <c>reasoning_effort</c>: <see cref="Effort"/>, else the effort of the
/// budget (below 4,096 Low, below 16,384 Medium, else High). A model that takes no reasoning option (or not that
/// effort) cannot take the request. Instances are immutable.
/// </para>
/// </remarks>
public sealed class ChatReasoningOptions
{
    /// <summary>The smallest thinking budget Claude accepts.</summary>
    public const int MinimumBudgetTokens = 1024;

    /// <summary>Gets the effort, or <see langword="null"/> to derive it from <see cref="BudgetTokens"/>.</summary>
    public ChatReasoningEffort? Effort { get; init; }

    /// <summary>Gets the most tokens the model may spend on reasoning, or <see langword="null"/> to derive it from <see cref="Effort"/>.</summary>
    public int? BudgetTokens { get; init; }

    /// <summary>Gets the effort sent to OpenAI-style providers: <see cref="Effort"/>, else the effort of <see cref="BudgetTokens"/>.</summary>
    public ChatReasoningEffort ResolvedEffort => Effort ?? BudgetTokens switch
    {
        < 4096 => ChatReasoningEffort.Low,
        < 16384 => ChatReasoningEffort.Medium,
        _ => ChatReasoningEffort.High,
    };

    /// <summary>Gets the thinking budget sent to Claude: <see cref="BudgetTokens"/>, else the budget of <see cref="Effort"/>.</summary>
    public int ResolvedBudgetTokens => BudgetTokens ?? Effort switch
    {
        ChatReasoningEffort.Low => MinimumBudgetTokens,
        ChatReasoningEffort.Medium => 4096,
        _ => 16384,
    };

    /// <inheritdoc/>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"reasoning effort={Effort?.ToString() ?? "-"} budget={BudgetTokens?.ToString(CultureInfo.InvariantCulture) ?? "-"}");
}
