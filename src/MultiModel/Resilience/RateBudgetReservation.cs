using System.Diagnostics.CodeAnalysis;
using MultiModel.Internal;

namespace MultiModel.Resilience;

/// <summary>Represents a provider's rate budget's answer to one call: room reserved (settled when the call ends), or a refusal.</summary>
/// <remarks>
/// <para>
/// A health store creates reservations in <see cref="IProviderHealthSource.ReserveBudget"/> and reads them back in
/// <see cref="IProviderHealthSource.SettleBudget"/>: <see cref="Budget"/>, <see cref="Tokens"/> and <see cref="Stamp"/>
/// are the store's own handle (which budget, how many tokens were reserved, when or from which allowance). A failover
/// chain only tells a granted reservation from a refused one and hands it back once.
/// </para>
/// </remarks>
[Experimental(Experiments.RateBudgets, UrlFormat = Experiments.UrlFormat)]
public readonly record struct RateBudgetReservation
{
    /// <summary>The category recorded on a skipped attempt (and in metrics) for a provider whose rate budget refused the call.</summary>
    public const string SkipCategory = "rate-budget";

    private RateBudgetReservation(object? budget, long tokens, long stamp, string? refusal, RateBudgetKind refusedKind, bool fleetWide)
    {
        Budget = budget;
        Tokens = tokens;
        Stamp = stamp;
        Refusal = refusal;
        RefusedKind = refusedKind;
        IsFleetWide = fleetWide;
    }

    /// <summary>Gets the answer for a provider without a rate budget: the call may go, and nothing is settled.</summary>
    public static RateBudgetReservation None => default;

    /// <summary>Gets a value indicating whether the call may go.</summary>
    public bool IsGranted => Refusal is null;

    /// <summary>Gets the store's budget the room was reserved from, or <see langword="null"/> (no budget, or refused).</summary>
    public object? Budget { get; }

    /// <summary>Gets the tokens reserved for the call (0 when the budget counts requests only).</summary>
    public long Tokens { get; }

    /// <summary>Gets the store's mark of when or from which allowance the room was reserved.</summary>
    public long Stamp { get; }

    /// <summary>Gets the readable reason of a refusal (the skipped attempt's reason, for example <c>rate budget: 60 requests per minute</c>), or <see langword="null"/> when granted.</summary>
    public string? Refusal { get; }

    /// <summary>Gets which limit refused the call (meaningful only when refused).</summary>
    public RateBudgetKind RefusedKind { get; }

    /// <summary>Gets a value indicating whether the refusing budget is shared by several processes (meaningful only when refused).</summary>
    public bool IsFleetWide { get; }

    /// <summary>Creates a granted reservation.</summary>
    /// <param name="budget">The store's budget the room was reserved from.</param>
    /// <param name="tokens">The tokens reserved (0 when only requests are counted).</param>
    /// <param name="stamp">The store's mark of when or from which allowance the room was reserved.</param>
    /// <returns>A granted reservation.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="budget"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tokens"/> is negative.</exception>
    public static RateBudgetReservation Reserved(object budget, long tokens, long stamp)
    {
        ArgumentNullException.ThrowIfNull(budget);
        ArgumentOutOfRangeException.ThrowIfNegative(tokens);
        return new(budget, tokens, stamp, null, default, false);
    }

    /// <summary>Creates a refusal: the call would exceed the budget, so the provider is skipped.</summary>
    /// <param name="kind">The limit that refused.</param>
    /// <param name="fleetWide">Whether the budget is shared by several processes.</param>
    /// <param name="reason">The readable reason, recorded as the skipped attempt's reason; no prompt text, no secrets.</param>
    /// <returns>A refused reservation.</returns>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is null or white space.</exception>
    public static RateBudgetReservation Refused(RateBudgetKind kind, bool fleetWide, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new(null, 0, 0, reason, kind, fleetWide);
    }

    /// <inheritdoc/>
    public override string ToString() => Refusal ?? (Budget is null ? "no budget" : $"reserved ({Tokens} tokens)");
}
