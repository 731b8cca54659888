namespace MultiModel.Diagnostics;

/// <summary>Why a provider is skipped: a short category for metrics, the readable reason, and what telemetry adds about shared state or budgets.</summary>
/// <remarks>A class: an attempt that is called carries only a null reference to it.</remarks>
/// <param name="Category">The stable word (<c>cooldown</c>, <c>rate-budget</c>, …).</param>
/// <param name="Reason">The readable reason of the attempts report.</param>
/// <param name="Scope"><c>fleet</c> when the deciding state came from other processes, <c>process</c> for a budget of this process, else <see langword="null"/>.</param>
/// <param name="Limit">For a rate budget, the limit that refused: <c>requests</c> or <c>tokens</c>.</param>
internal sealed record AttemptSkip(string Category, string Reason, string? Scope = null, string? Limit = null)
{
    public const string FleetScope = "fleet";
    public const string ProcessScope = "process";
}
