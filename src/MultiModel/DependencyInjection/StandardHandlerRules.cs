using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using MultiModel.Resilience;

namespace MultiModel.DependencyInjection;

/// <summary>
/// Puts MultiModel's rules onto the options of a provider's standard resilience handler, after the user's own
/// configuration: Retry-After cap and <c>x-should-retry</c>, breaker transitions reported to the health store, and
/// the try timeout ending before the failover attempt's deadline.
/// </summary>
internal sealed class StandardHandlerRules(string pipelineName, string providerName, IServiceProvider services) : IPostConfigureOptions<HttpStandardResilienceOptions>
{
    public void PostConfigure(string? name, HttpStandardResilienceOptions options)
    {
        if (!string.Equals(name, pipelineName, StringComparison.Ordinal))
        {
            return;
        }

        var resilience = services.GetRequiredService<ProviderResilienceFactory>();
        var runtime = services.GetRequiredService<MultiModelRuntime>();
        var timeProvider = resilience.Reporter.TimeProvider;
        ProviderStrategyRules.Apply(options.Retry, () => runtime.MaxRetryAfterFor(providerName), timeProvider);
        ProviderStrategyRules.Apply(options.CircuitBreaker, providerName, resilience.Reporter);
        ProviderStrategyRules.Apply(options.AttemptTimeout, timeProvider);
    }
}
