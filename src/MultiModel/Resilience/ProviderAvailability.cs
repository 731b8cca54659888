using MultiModel.Diagnostics;

namespace MultiModel.Resilience;

/// <summary>What a health source says about calling a provider now: cooling down, circuit open, rate budget without room, or free to call.</summary>
internal static class ProviderAvailability
{
    /// <summary>What a look-ahead sees for a budget without room; the refusal itself is described only when the provider is reached.</summary>
    private static readonly AttemptSkip NoRoom = new(RateBudgetReservation.SkipCategory, RateBudgetReservation.SkipCategory);

    /// <summary>Says why the health source skips a provider now, or <see langword="null"/> to call it.</summary>
    /// <param name="source">The health source.</param>
    /// <param name="demand">The provider and the request it would be sent.</param>
    /// <param name="now">The current time.</param>
    /// <param name="reserve"><see langword="true"/> to spend the rate budget (the provider is about to start); <see langword="false"/> to look ahead, checking it only.</param>
    /// <param name="reservation">The reservation to settle when the attempt ends; <see cref="RateBudgetReservation.None"/> when none was taken.</param>
    public static AttemptSkip? GetSkip(this IProviderHealthSource source, RateBudgetRequest demand, DateTimeOffset now, bool reserve, out RateBudgetReservation reservation)
    {
        reservation = RateBudgetReservation.None;
        var health = source.GetHealth(demand.ProviderName);
        if (health.GetSkipReason(now) is { } reason)
        {
            return new(reason, reason, health.IsShared ? AttemptSkip.FleetScope : null);
        }

        if (!reserve)
        {
            return source.HasBudget(demand) ? null : NoRoom;
        }

        reservation = source.ReserveBudget(demand);
        return reservation.IsGranted ? null : new(
            RateBudgetReservation.SkipCategory,
            reservation.Refusal!,
            reservation.IsFleetWide ? AttemptSkip.FleetScope : AttemptSkip.ProcessScope,
            reservation.RefusedKind == RateBudgetKind.Tokens ? "tokens" : "requests");
    }
}
