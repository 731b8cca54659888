using Microsoft.Extensions.Diagnostics.HealthChecks;
using MultiModel.Resilience;

namespace MultiModel.DependencyInjection;

/// <summary>
/// Reports each provider's health from the health store: healthy, degraded (cooling down after a long Retry-After) or
/// unhealthy (circuit open). The whole is degraded while at least one provider can still answer, unhealthy when none can.
/// </summary>
internal sealed class MultiModelHealthCheck : IHealthCheck
{
    private readonly IProviderHealthStore _health;
    private readonly MultiModelRuntime _runtime;
    private readonly TimeProvider _timeProvider;

    public MultiModelHealthCheck(IProviderHealthStore health, MultiModelRuntime runtime, TimeProvider timeProvider)
    {
        _health = health;
        _runtime = runtime;
        _timeProvider = timeProvider;
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        int healthy = 0, degraded = 0, unhealthy = 0;
        var now = _timeProvider.GetUtcNow();

        foreach (var name in _runtime.Current.Providers.Keys)
        {
            var health = _health.GetHealth(name);
            switch (health.GetSkipReason(now))
            {
                case ProviderHealth.CircuitOpenSkipReason:
                    unhealthy++;
                    data[name] = $"unhealthy: circuit open until {health.Until:O}";
                    break;
                case ProviderHealth.CooldownSkipReason:
                    degraded++;
                    data[name] = $"degraded: cooling down until {health.Until:O}";
                    break;
                default:
                    healthy++;
                    data[name] = "healthy";
                    break;
            }
        }

        var description = $"{healthy} healthy, {degraded} cooling down, {unhealthy} with an open circuit";
        var result = unhealthy + degraded == 0
            ? HealthCheckResult.Healthy(description, data)
            : healthy == 0
                ? new HealthCheckResult(context.Registration.FailureStatus, description, data: data)
                : HealthCheckResult.Degraded(description, data: data);
        return Task.FromResult(result);
    }
}
