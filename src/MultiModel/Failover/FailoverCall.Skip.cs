using MultiModel.Resilience;

namespace MultiModel.Failover;

/// <content>Why a provider is skipped: it cannot take the request, the attempt limit, its health, or its rate budget.</content>
internal sealed partial class FailoverCall
{
    /// <summary>
    /// Says why the provider at a position is skipped now, or <see langword="null"/> to call it: it cannot take the
    /// request, the attempt limit is reached, its health says so, or its rate budget has no room. Only
    /// <paramref name="reserve"/> spends the budget (starting the provider); looking ahead only checks it.
    /// </summary>
    private AttemptSkip? GetSkip(int index, bool reserve, out RateBudgetReservation reservation)
    {
        reservation = RateBudgetReservation.None;
        if (_refusals?[index % Settings.Providers.Length] is { IsSupported: false } refusal)
        {
            return new(refusal.Category!, refusal.Reason!);
        }

        if (Options.MaxAttempts is { } max && _started >= max)
        {
            return new(MaxAttemptsSkipReason, MaxAttemptsSkipReason);
        }

        if (Options.HealthSource is not { } source)
        {
            return null;
        }

        var provider = ProviderAt(index);
        var health = source.GetHealth(provider.Name);
        if (health.GetSkipReason(Settings.TimeProvider.GetUtcNow()) is { } reason)
        {
            return new(reason, reason, health.IsShared ? AttemptSkip.FleetScope : null);
        }

        var demand = new RateBudgetRequest(provider, AttemptRequest);
        if (!reserve)
        {
            return source.HasBudget(demand) ? null : new(RateBudgetReservation.SkipCategory, RateBudgetReservation.SkipCategory);
        }

        reservation = source.ReserveBudget(demand);
        return reservation.IsGranted ? null : AttemptSkip.From(reservation);
    }
}
