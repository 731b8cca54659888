using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using MultiModel.Failover;
using MultiModel.Resilience;

namespace MultiModel.DependencyInjection;

/// <summary>
/// Reports each provider's health: healthy, degraded (cooling down after a long Retry-After) or unhealthy (circuit
/// open). The whole is degraded while at least one provider can still answer, unhealthy when none can.
/// </summary>
internal sealed class MultiModelHealthCheck : IHealthCheck
{
    private readonly ProviderHealthRegistry _health;
    private readonly IOptionsMonitor<MultiModelOptions> _options;
    private readonly ProviderRegistrations _registrations;
    private readonly TimeProvider _timeProvider;

    public MultiModelHealthCheck(ProviderHealthRegistry health, IOptionsMonitor<MultiModelOptions> options, ProviderRegistrations registrations, TimeProvider timeProvider)
    {
        _health = health;
        _options = options;
        _registrations = registrations;
        _timeProvider = timeProvider;
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var names = _options.CurrentValue.Providers.Keys.Concat(_registrations.CustomProviderNames).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        int healthy = 0, degraded = 0, unhealthy = 0;
        var now = _timeProvider.GetUtcNow();

        foreach (var name in names)
        {
            var health = _health.GetHealth(name);
            switch (health.GetSkipReason(now))
            {
                case ProviderHealth.CircuitOpenSkipReason:
                    unhealthy++;
                    data[name] = health.Until is { } open ? $"unhealthy: circuit open until {open:O}" : "unhealthy: circuit open";
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
