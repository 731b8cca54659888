using System.Diagnostics.CodeAnalysis;
using MultiModel.Internal;

namespace MultiModel.Resilience;

/// <summary>Tells a <see cref="Failover.FailoverChatClient"/> which providers to skip: cooling down, broken, or out of rate budget.</summary>
/// <remarks>
/// <para>
/// The failover client asks just before it would start a provider, and skips the provider (an attempt with
/// <see cref="ChatAttemptOutcome.Skipped"/> and a <see cref="ChatAttempt.SkipReason"/>) when
/// <see cref="ProviderHealth.GetSkipReason"/> says so, or when <see cref="ReserveBudget"/> refuses the call. Every
/// member must be cheap, must not block or wait on I/O, and must be thread-safe. The client reads health and spends
/// budgets; whoever observes the provider's traffic (the HTTP resilience pipeline) keeps health up to date.
/// </para>
/// <para>
/// The budget members have defaults for a source without rate budgets: every call may go.
/// </para>
/// </remarks>
public interface IProviderHealthSource
{
    /// <summary>Gets the current health of a provider.</summary>
    /// <param name="providerName">The provider's <see cref="IChatProvider.Name"/>.</param>
    /// <returns>The provider's health; <see cref="ProviderHealth.Available"/> for an unknown provider.</returns>
    ProviderHealth GetHealth(string providerName);

    /// <summary>Reserves one request and the call's tokens from a provider's rate budget, just before the provider is called.</summary>
    /// <param name="request">The call's demand: the provider, and the tokens estimated on demand.</param>
    /// <returns>
    /// <see cref="RateBudgetReservation.None"/> for a provider without a budget; a granted reservation, which the client
    /// hands back once to <see cref="SettleBudget"/> when the call ends; or a refusal, and the provider is skipped (it does
    /// not wait). The default grants every call.
    /// </returns>
    [Experimental(Experiments.RateBudgets, UrlFormat = Experiments.UrlFormat)]
    RateBudgetReservation ReserveBudget(RateBudgetRequest request) => RateBudgetReservation.None;

    /// <summary>Tells whether <see cref="ReserveBudget"/> would grant a call now, without reserving anything.</summary>
    /// <param name="request">The call's demand.</param>
    /// <returns><see langword="true"/> when the call would fit. The default is <see langword="true"/>.</returns>
    /// <remarks>A failover client looks ahead with it (is there a provider left to hedge with?); only <see cref="ReserveBudget"/> spends.</remarks>
    [Experimental(Experiments.RateBudgets, UrlFormat = Experiments.UrlFormat)]
    bool HasBudget(RateBudgetRequest request) => true;

    /// <summary>Corrects a granted reservation with what the call used, once, when the call ends.</summary>
    /// <param name="reservation">A granted reservation from <see cref="ReserveBudget"/>.</param>
    /// <param name="usage">
    /// The usage the provider reported, or <see langword="null"/> when the call ended without one (failed, cancelled): the
    /// reservation then stands as it was, since the provider may have counted the call.
    /// </param>
    [Experimental(Experiments.RateBudgets, UrlFormat = Experiments.UrlFormat)]
    void SettleBudget(RateBudgetReservation reservation, ChatUsage? usage)
    {
    }
}
