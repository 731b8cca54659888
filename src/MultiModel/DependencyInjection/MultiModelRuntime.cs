using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using MultiModel.Failover;
using MultiModel.Resilience;
using Polly;

namespace MultiModel.DependencyInjection;

/// <summary>
/// Holds the configuration in force for a container's MultiModel registrations, in one place: composed and validated
/// as a whole at start-up, replaced as a whole when the configuration reloads, or not at all when the reload is invalid.
/// </summary>
/// <remarks>
/// Calls that start after a valid reload see the new providers, pipelines and chain settings; calls under way keep
/// theirs. A reload that leaves a provider's resilience settings alone keeps its pipeline, and so its circuit.
/// </remarks>
internal sealed class MultiModelRuntime : IDisposable
{
    /// <summary>The name a chain gets in telemetry and the attempts report when it was registered without one.</summary>
    public const string DefaultChainName = "default";

    [ThreadStatic]
    private static Composing? t_composing;

    private readonly object _gate = new();
    private readonly IServiceProvider _services;
    private readonly ProviderRegistrations _registrations;
    private readonly MultiModelComposer _composer;
    private readonly IConfiguration? _configuration;
    private readonly ILogger _logger;
    private readonly IProviderHealthStore _healthStore;
    private readonly ConcurrentDictionary<string, IChatProvider> _customProviders = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, FailoverChatClient> _chains = new(StringComparer.Ordinal);
    private volatile MultiModelSnapshot? _current;
    private IDisposable? _reloadSubscription;

    public MultiModelRuntime(
        IServiceProvider services,
        ProviderRegistrations registrations,
        ProviderResilienceFactory resilience,
        TimeProvider timeProvider,
        IConfiguration? configuration = null,
        ILoggerFactory? loggerFactory = null)
    {
        _services = services;
        _registrations = registrations;
        _configuration = configuration;
        _composer = new MultiModelComposer(services, registrations, resilience, timeProvider, configuration);
        _healthStore = resilience.HealthStore;
        _logger = loggerFactory?.CreateLogger(ConfigurationLog.Category) ?? NullLogger.Instance;
    }

    /// <summary>Gets the configuration in force, composing it the first time.</summary>
    /// <exception cref="OptionsValidationException">The configuration is invalid; the failures name every path at fault.</exception>
    public MultiModelSnapshot Current => _current ?? Start();

    /// <summary>Gets a chain's client (the same instance for the container's life; reloads reconfigure it).</summary>
    public FailoverChatClient GetChain(string? chainName)
    {
        _ = Current;
        lock (_gate)
        {
            return _chains[chainName ?? string.Empty];
        }
    }

    /// <summary>Gets the provider with this name in the configuration in force.</summary>
    /// <exception cref="InvalidOperationException">No provider has that name.</exception>
    public IChatProvider GetProvider(string name)
    {
        var providers = t_composing is { } composing && composing.Runtime == this ? composing.Providers : Current.Providers;
        return providers?.GetValueOrDefault(name)?.Provider ?? throw new InvalidOperationException(
            $"No MultiModel provider is named '{name}'. Add it under {ConfigurationPaths.Providers} or with AddGrok/AddClaude/AddOpenAICompatible/AddProvider"
            + (providers is null ? "; a provider created by a factory cannot resolve another one before the providers are built." : "."));
    }

    /// <summary>Gets the pipeline of a provider's HTTP client (read for each request, so a reload applies to the next one).</summary>
    public ResiliencePipeline<HttpResponseMessage> PipelineFor(string providerName) =>
        _current?.Providers.GetValueOrDefault(providerName)?.Pipeline ?? ResiliencePipeline<HttpResponseMessage>.Empty;

    /// <summary>Gets the longest server delay a provider's pipeline sleeps.</summary>
    public TimeSpan MaxRetryAfterFor(string providerName) =>
        _current?.Providers.GetValueOrDefault(providerName)?.MaxRetryAfter ?? new ProviderRetryOptions().MaxRetryAfter;

    public void Dispose() => _reloadSubscription?.Dispose();

    private MultiModelSnapshot Start()
    {
        lock (_gate)
        {
            if (_current is { } started)
            {
                return started;
            }

            if (t_composing?.Runtime == this)
            {
                throw new InvalidOperationException("The MultiModel configuration was asked for while it is being composed (a provider factory or chain hook resolving a chain?).");
            }

            var problems = new List<string>();
            var snapshot = Compose(null, problems)
                ?? throw new OptionsValidationException(MultiModelOptions.SectionName, typeof(MultiModelOptions), problems);
            Apply(snapshot);
            if (_configuration is not null)
            {
                _reloadSubscription = ChangeToken.OnChange(_configuration.GetReloadToken, Reload);
            }

            return snapshot;
        }
    }

    private void Reload()
    {
        lock (_gate)
        {
            var problems = new List<string>();
            MultiModelSnapshot? snapshot;
            try
            {
                snapshot = Compose(_current, problems);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Never throw into the configuration's reload: report and keep what is in force.
                problems.Add(ex.Message);
                snapshot = null;
            }

            if (snapshot is null)
            {
                _logger.ReloadRejected(problems.Count, string.Join(" | ", problems));
                return;
            }

            Apply(snapshot);
            _logger.ReloadApplied(snapshot.Providers.Count, snapshot.Chains.Count);
        }
    }

    private MultiModelSnapshot? Compose(MultiModelSnapshot? previous, List<string> problems)
    {
        var composing = new Composing(this);
        var outer = t_composing;
        t_composing = composing;
        try
        {
            return _composer.Compose(previous, CustomProvider, providers => composing.Providers = providers, problems);
        }
        finally
        {
            t_composing = outer;
        }
    }

    private void Apply(MultiModelSnapshot snapshot)
    {
        foreach (var (name, provider) in snapshot.Providers)
        {
            _healthStore.Register(name, provider.Identity, provider.RateLimit);
        }

        foreach (var (name, chain) in snapshot.Chains)
        {
            if (_chains.TryGetValue(name, out var client))
            {
                client.Reconfigure(chain.Providers, chain.Options);
            }
            else
            {
                _chains[name] = chain.Client;
            }
        }

        _current = snapshot;
    }

    private IChatProvider CustomProvider(string name) => _customProviders.GetOrAdd(name, static (key, self) =>
        self._registrations.GetCustom(key)!(self._services)
            ?? throw new InvalidOperationException($"The factory of provider '{key}' returned null."), this);

    private sealed class Composing(MultiModelRuntime runtime)
    {
        public MultiModelRuntime Runtime { get; } = runtime;

        public IReadOnlyDictionary<string, ProviderEntry>? Providers { get; set; }
    }
}
