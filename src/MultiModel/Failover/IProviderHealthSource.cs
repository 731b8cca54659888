namespace MultiModel.Failover;

/// <summary>Tells a <see cref="FailoverChatClient"/> which providers to skip because they are cooling down or broken.</summary>
/// <remarks>
/// <para>
/// The failover client asks once per provider per call, just before it would start the provider, and skips the
/// provider (an attempt with <see cref="ChatAttemptOutcome.Skipped"/> and a <see cref="ChatAttempt.SkipReason"/>)
/// when <see cref="ProviderHealth.GetSkipReason"/> says so. The call must be cheap, must not block, and must be
/// thread-safe. The client only reads health; whoever observes the provider's traffic (the HTTP resilience
/// pipeline) keeps it up to date.
/// </para>
/// </remarks>
public interface IProviderHealthSource
{
    /// <summary>Gets the current health of a provider.</summary>
    /// <param name="providerName">The provider's <see cref="IChatProvider.Name"/>.</param>
    /// <returns>The provider's health; <see cref="ProviderHealth.Available"/> for an unknown provider.</returns>
    ProviderHealth GetHealth(string providerName);
}
