using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MultiModel.Failover;
using MultiModel.Providers.Claude;
using MultiModel.Providers.Grok;
using MultiModel.Providers.OpenAICompatible;
using MultiModel.Resilience;
using Polly;

namespace MultiModel.DependencyInjection;

/// <summary>
/// Builds a <see cref="MultiModelSnapshot"/> from the current configuration and code: every declared provider (with
/// its validated options and resilience pipeline) and every chain (checked by constructing its client), collecting
/// every problem with its configuration path instead of stopping at the first.
/// </summary>
internal sealed class MultiModelComposer
{
    private readonly IServiceProvider _services;
    private readonly ProviderRegistrations _registrations;
    private readonly ProviderResilienceFactory _resilience;
    private readonly TimeProvider _timeProvider;
    private readonly IConfiguration? _configuration;

    public MultiModelComposer(IServiceProvider services, ProviderRegistrations registrations, ProviderResilienceFactory resilience, TimeProvider timeProvider, IConfiguration? configuration)
    {
        _services = services;
        _registrations = registrations;
        _resilience = resilience;
        _timeProvider = timeProvider;
        _configuration = configuration;
    }

    /// <summary>Composes a snapshot; returns <see langword="null"/> when <paramref name="problems"/> received any.</summary>
    /// <param name="previous">The snapshot in force, whose pipelines are kept where their settings did not change.</param>
    /// <param name="customProvider">Gets a provider added with a factory (created once, whatever the snapshot).</param>
    /// <param name="providersReady">Receives the providers before the chains are built, so a chain's hooks can resolve them.</param>
    /// <param name="problems">Receives every problem found.</param>
    public MultiModelSnapshot? Compose(
        MultiModelSnapshot? previous,
        Func<string, IChatProvider> customProvider,
        Action<IReadOnlyDictionary<string, ProviderEntry>> providersReady,
        List<string> problems)
    {
        var providers = new Dictionary<string, ProviderEntry>(StringComparer.OrdinalIgnoreCase);
        var declared = ProviderDeclarations.Read(_registrations, _configuration, problems);
        foreach (var (name, kind) in declared)
        {
            if (kind is null)
            {
                var rateLimit = Create<ProviderRateLimitOptions>(name, problems);
                Attempt(problems, ConfigurationPaths.Provider(name), () =>
                    providers[name] = new ProviderEntry(customProvider(name), ResiliencePipeline<HttpResponseMessage>.Empty, default, string.Empty, null, rateLimit ?? new()));
            }
            else if (CreateProvider(name, kind.Value, previous, problems) is { } entry)
            {
                providers[name] = entry;
            }
        }

        providersReady(providers);
        var chains = new Dictionary<string, ChainEntry>(StringComparer.Ordinal);
        var sensitive = Create<MultiModelOptions>(Options.DefaultName, problems)?.Telemetry.EnableSensitiveData ?? false;
        foreach (var chain in _registrations.Chains)
        {
            if (CreateChain(chain, providers, declared, sensitive, problems) is { } entry)
            {
                chains[chain] = entry;
            }
        }

        if (_configuration is not null)
        {
            UnreadSections.Find(_configuration, _registrations, declared, sharedStateRead: _resilience.HealthStore is not InMemoryProviderHealthStore, problems);
        }

        if (problems.Count == 0)
        {
            return new MultiModelSnapshot(providers, chains);
        }

        // A section shared by several chains (the unnamed one) can report the same problem twice.
        var distinct = problems.Distinct(StringComparer.Ordinal).ToList();
        problems.Clear();
        problems.AddRange(distinct);
        return null;
    }

    private ProviderEntry? CreateProvider(string name, ProviderKind kind, MultiModelSnapshot? previous, List<string> problems)
    {
        var resilience = Create<ProviderResilienceOptions>(name, problems);
        var rateLimit = Create<ProviderRateLimitOptions>(name, problems);
        IChatProvider? provider = null;
        ProviderIdentity? identity = null;
        Attempt(problems, ConfigurationPaths.Provider(name), () =>
        {
            HttpClient Http() => _services.GetRequiredService<IHttpClientFactory>().CreateClient(ProviderRegistrations.HttpClientName(name));
            provider = kind switch
            {
                ProviderKind.Grok => Create<GrokProviderOptions>(name, problems) is { } grok
                    ? Identify(new GrokChatProvider(Http(), grok, _timeProvider), grok.BaseUrl, grok.Model, grok.ApiKey) : null,
                ProviderKind.Claude => Create<ClaudeProviderOptions>(name, problems) is { } claude
                    ? Identify(new ClaudeChatProvider(Http(), claude, _timeProvider), claude.BaseUrl, claude.Model, claude.ApiKey) : null,
                _ => Create<OpenAICompatibleProviderOptions>(name, problems) is { } compatible
                    ? Identify(new OpenAICompatibleChatProvider(Http(), compatible, _timeProvider), compatible.BaseUrl!, compatible.Model!, compatible.ApiKey) : null,
            };
        });

        if (provider is null || resilience is null || rateLimit is null)
        {
            return null;
        }

        var values = _configuration?.GetSection(ConfigurationPaths.Resilience(name)).AsEnumerable() ?? [];
        var source = string.Join('\n', values.Select(static pair => $"{pair.Key}={pair.Value}").Order(StringComparer.Ordinal));
        var pipeline = _registrations.UsesStandardHandler(name)
            ? ResiliencePipeline<HttpResponseMessage>.Empty
            : previous?.Providers.GetValueOrDefault(name) is { } kept && kept.ResilienceSource == source
                ? kept.Pipeline
                : _resilience.CreatePipeline(name, resilience);
        return new ProviderEntry(provider, pipeline, resilience.Retry.MaxRetryAfter, source, identity, rateLimit);

        // The provider validated its options: the identity is made from the same endpoint, model and key it calls with.
        IChatProvider Identify(IChatProvider created, Uri endpoint, string model, string? apiKey)
        {
            identity = ProviderIdentity.Create(endpoint, model, apiKey);
            return created;
        }
    }

    private ChainEntry? CreateChain(string chain, Dictionary<string, ProviderEntry> providers, Dictionary<string, ProviderKind?> declared, bool sensitive, List<string> problems)
    {
        var path = ConfigurationPaths.Chain(chain);
        var chainOptions = Create<MultiModelOptions>(chain, problems);
        var order = chainOptions?.Order ?? [];
        var chosen = ResolveOrder(path, order, providers, declared, problems);
        var options = Create<FailoverChatClientOptions>(chain, problems);
        if (chain.Length > 0 && chainOptions?.Telemetry.EnableSensitiveData == true)
        {
            // The named options have the property too, but telemetry is read once, for every chain: say so rather than ignore it.
            problems.Add($"{path}:Telemetry:EnableSensitiveData is not read: telemetry is set for every chain under {MultiModelOptions.SectionName}:Telemetry; for this chain alone, set {path}:Failover:EnableSensitiveData.");
        }

        if (options is null || chosen.Count != order.Count || order.Count == 0)
        {
            return null;
        }

        if (options.Name == FailoverChatClientOptions.DefaultName)
        {
            options.Name = string.IsNullOrEmpty(chain) ? MultiModelRuntime.DefaultChainName : chain;
        }

        options.HealthSource ??= _resilience.HealthStore;
        options.LoggerFactory ??= _services.GetService<ILoggerFactory>();
        options.MeterFactory ??= _services.GetService<IMeterFactory>();
        options.EnableSensitiveData |= sensitive;
        ChainEntry? created = null;
        IChatProvider[] members = [.. chosen];
        Attempt(problems, path, () => created = new ChainEntry(members, options, new FailoverChatClient(members, options, _timeProvider)));
        return created;
    }

    /// <summary>Finds the providers a chain's order names, listing every entry that is empty, unknown, switched off or repeated.</summary>
    private List<IChatProvider> ResolveOrder(string path, IList<string> order, Dictionary<string, ProviderEntry> providers, Dictionary<string, ProviderKind?> declared, List<string> problems)
    {
        var chosen = new List<IChatProvider>();
        if (order.Count == 0)
        {
            problems.Add($"{path}:Order is empty; list the providers to try, for example [\"grok\", \"claude\"].");
        }

        for (var i = 0; i < order.Count; i++)
        {
            var entry = order[i];
            var entryPath = string.Create(CultureInfo.InvariantCulture, $"{path}:Order:{i}");
            if (string.IsNullOrWhiteSpace(entry))
            {
                problems.Add($"{entryPath} is empty.");
            }
            else if (!providers.TryGetValue(entry, out var provider))
            {
                var section = _configuration?.GetSection(ConfigurationPaths.Provider(entry));
                if (section is not null && ProviderDeclarations.IsSwitchedOff(section, []))
                {
                    problems.Add($"{entryPath} names '{entry}', which is switched off ({section.Path}:Enabled is false).");
                    continue;
                }

                if (declared.ContainsKey(entry) || section?.Exists() == true)
                {
                    continue; // Declared but invalid: its own problems are already listed.
                }

                var known = string.Join(", ", declared.Keys.Order(StringComparer.OrdinalIgnoreCase));
                problems.Add($"{entryPath} names '{entry}', which is not a configured provider (known: {(known.Length == 0 ? "none" : known)}).");
            }
            else if (chosen.Contains(provider.Provider))
            {
                problems.Add($"{entryPath} names '{entry}' a second time.");
            }
            else
            {
                chosen.Add(provider.Provider);
            }
        }

        return chosen;
    }

    /// <summary>Creates fresh options (configuration, code, defaults, validation); a failure goes to <paramref name="problems"/>.</summary>
    private TOptions? Create<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(string name, List<string> problems)
        where TOptions : class
    {
        try
        {
            return _services.GetRequiredService<IOptionsFactory<TOptions>>().Create(name);
        }
        catch (OptionsValidationException ex)
        {
            problems.AddRange(ex.Failures);
            return null;
        }
        catch (ArgumentException ex)
        {
            // A setter refused a value set in code (AddGrok, ConfigureFailover, ConfigureChain, ...).
            problems.Add($"{typeof(TOptions).Name} '{name}' set in code: {ex.Message.ReplaceLineEndings(" ")}");
            return null;
        }
    }

    private static void Attempt(List<string> problems, string path, Action create)
    {
        try
        {
            create();
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            problems.Add($"{path}: {ex.Message.ReplaceLineEndings(" ")}");
        }
    }
}
