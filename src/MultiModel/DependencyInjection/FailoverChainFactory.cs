using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MultiModel.Confidence;
using MultiModel.Failover;
using MultiModel.Resilience;

namespace MultiModel.DependencyInjection;

/// <summary>
/// Builds the failover chains registered with AddMultiModel and keeps them current: a configuration reload that
/// changes the order, the threshold or a provider reconfigures the existing chain for the calls that follow.
/// </summary>
internal sealed class FailoverChainFactory : IDisposable
{
    private readonly IServiceProvider _services;
    private readonly IOptionsMonitor<MultiModelOptions> _options;
    private readonly ChatProviderRegistry _providers;
    private readonly ProviderHealthRegistry _health;
    private readonly ProviderRegistrations _registrations;
    private readonly TimeProvider _timeProvider;
    private readonly List<IDisposable> _subscriptions = [];

    public FailoverChainFactory(
        IServiceProvider services,
        IOptionsMonitor<MultiModelOptions> options,
        ChatProviderRegistry providers,
        ProviderHealthRegistry health,
        ProviderRegistrations registrations,
        TimeProvider timeProvider)
    {
        _services = services;
        _options = options;
        _providers = providers;
        _health = health;
        _registrations = registrations;
        _timeProvider = timeProvider;
    }

    /// <summary>The name a chain gets in telemetry and the attempts report when it was registered without one.</summary>
    public const string DefaultChainName = "default";

    public FailoverChatClient Create(string? chainName)
    {
        var optionsName = chainName ?? Options.DefaultName;
        var (providers, settings) = Compose(optionsName);
        var client = new FailoverChatClient(providers, settings, _timeProvider);

        var subscription = _options.OnChange((_, changed) =>
        {
            // Providers live in the unnamed instance, so a change there concerns every chain.
            if (!string.IsNullOrEmpty(changed) && !string.Equals(changed, optionsName, StringComparison.Ordinal))
            {
                return;
            }

            try
            {
                var (newProviders, newSettings) = Compose(optionsName);
                client.Reconfigure(newProviders, newSettings);
            }
            catch (OptionsValidationException)
            {
                // An invalid reload keeps the last valid configuration; the validation failure is reported by the options system.
            }
        });

        if (subscription is not null)
        {
            lock (_subscriptions)
            {
                _subscriptions.Add(subscription);
            }
        }

        return client;
    }

    public void Dispose()
    {
        lock (_subscriptions)
        {
            foreach (var subscription in _subscriptions)
            {
                subscription.Dispose();
            }

            _subscriptions.Clear();
        }
    }

    private (IChatProvider[] Providers, FailoverChatClientOptions Settings) Compose(string optionsName)
    {
        var options = _options.Get(optionsName);
        var providers = options.Order.Select(_providers.Get).ToArray();

        var settings = new FailoverChatClientOptions
        {
            Name = string.IsNullOrEmpty(optionsName) ? DefaultChainName : optionsName,
            AttemptTimeout = options.Failover.AttemptTimeout,
            MaxAttempts = options.Failover.MaxAttempts,
            HedgingDelay = options.Failover.HedgingDelay,
            HeadBufferLength = options.Failover.HeadBufferLength,
            HeadBufferTime = options.Failover.HeadBufferTime,
            ResumeStreams = options.Failover.ResumeStreams,
            Confidence = new ConfidencePolicy { Threshold = options.Confidence.Threshold },
            WhenNoneMeetsThreshold = options.Confidence.WhenNoneMeetsThreshold,
            HealthSource = _health,
            LoggerFactory = _services.GetService<ILoggerFactory>(),
            MeterFactory = _services.GetService<IMeterFactory>(),
            EnableSensitiveData = _options.Get(Options.DefaultName).Telemetry.EnableSensitiveData,
        };

        foreach (var hook in _registrations.GetChainHooks(optionsName))
        {
            hook(_services, settings);
        }

        return (providers, settings);
    }
}
