using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MultiModel.Failover;
using MultiModel.Providers.Claude;
using MultiModel.Providers.Grok;
using MultiModel.Providers.OpenAICompatible;
using MultiModel.Resilience;

namespace MultiModel.DependencyInjection;

/// <summary>
/// Registers how configuration binds straight into the library's option types (source-generated binding, strict
/// about unknown keys), the defaults dependency injection fills in, and one validator per type.
/// </summary>
/// <remarks>
/// <list type="table">
/// <item><term><see cref="MultiModelOptions"/></term><description>per chain: <c>MultiModel</c> or <c>MultiModel:Chains:{chain}</c> (Order, Telemetry)</description></item>
/// <item><term><see cref="FailoverChatClientOptions"/></term><description>per chain: its <c>Failover</c> section, and its <c>Confidence</c> section into <see cref="FailoverChatClientOptions.Confidence"/> (plus <c>WhenNoneMeetsThreshold</c>)</description></item>
/// <item><term>the provider kinds' options</term><description>per provider: <c>MultiModel:Providers:{name}</c> (less <c>Kind</c>, <c>Enabled</c>, <c>Resilience</c>, <c>StandardResilience</c>, <c>RateLimit</c>)</description></item>
/// <item><term><see cref="ProviderResilienceOptions"/></term><description>per provider: <c>MultiModel:Providers:{name}:Resilience</c></description></item>
/// <item><term><see cref="ProviderRateLimitOptions"/></term><description>per provider: <c>MultiModel:Providers:{name}:RateLimit</c></description></item>
/// </list>
/// </remarks>
internal static class MultiModelOptionsSetup
{
    private static readonly string[] ProviderLevelKeys = ["Kind", "Enabled", "Resilience", "StandardResilience", "RateLimit"];

    /// <summary>Members of the chain's options that only code can set (objects, callbacks), and the confidence settings, which have their own section.</summary>
    private static readonly string[] NotFromFailoverSection = ["Confidence", "ErrorClassifier", "HealthSource", "OnAttempt", "LoggerFactory", "MeterFactory"];

    private static readonly string[] NotFromConfidenceSection = ["Scorers"];

    public static void Add(IServiceCollection services, ProviderRegistrations registrations)
    {
        AddChainBinders(services, registrations);
        AddProviderBinders(services);
        AddDefaultsAndValidators(services);
    }

    /// <summary>
    /// Binds each chain's section (the root for the default chain) into its options, its Failover and Confidence sections
    /// into the failover client's. The root is bound even without a default chain: it holds the telemetry of every chain.
    /// </summary>
    private static void AddChainBinders(IServiceCollection services, ProviderRegistrations registrations)
    {
        services.AddSingleton<IConfigureOptions<MultiModelOptions>>(sp => new SectionBinder<MultiModelOptions>(
            sp.GetService<IConfiguration>(),
            name => string.IsNullOrEmpty(name) || registrations.IsChain(name) ? ConfigurationPaths.Chain(name) : null,
            static (name, section, options) =>
            {
                var view = string.IsNullOrEmpty(name)
                    ? SectionView.Without(section, "Providers", "Chains", "Failover", "Confidence", ConfigurationPaths.SharedStateKey)
                    : SectionView.Without(section, "Failover", "Confidence");
                SectionBinder<MultiModelOptions>.Bind(name, section, () => view.Bind(options, SectionBinder<MultiModelOptions>.Strict));
            }));

        services.AddSingleton<IConfigureOptions<FailoverChatClientOptions>>(sp => new SectionBinder<FailoverChatClientOptions>(
            sp.GetService<IConfiguration>(),
            name => registrations.IsChain(name) ? ConfigurationPaths.Chain(name) : null,
            static (name, section, options) =>
            {
                // Objects and callbacks cannot come from configuration (the generator skips them), so their keys are rejected here.
                var failover = section.GetSection("Failover");
                SectionBinder<FailoverChatClientOptions>.Bind(name, failover, () =>
                {
                    RejectKeys(failover, NotFromFailoverSection);
                    SectionView.Without(failover, NotFromFailoverSection).Bind(options, SectionBinder<FailoverChatClientOptions>.Strict);
                });
                var confidence = section.GetSection("Confidence");
                SectionBinder<FailoverChatClientOptions>.Bind(name, confidence, () =>
                {
                    RejectKeys(confidence, NotFromConfidenceSection);
                    SectionView.Only(confidence, "WhenNoneMeetsThreshold").Bind(options, SectionBinder<FailoverChatClientOptions>.Strict);
                    SectionView.Without(confidence, ["WhenNoneMeetsThreshold", .. NotFromConfidenceSection]).Bind(options.Confidence, SectionBinder<FailoverChatClientOptions>.Strict);
                });
            }));
    }

    /// <summary>
    /// Binds each provider's section into its kind's options, and its Resilience and RateLimit sections. The three kinds
    /// are spelled out: the configuration binding generator needs each options type at its call site.
    /// </summary>
    private static void AddProviderBinders(IServiceCollection services)
    {
        services.AddSingleton<IConfigureOptions<GrokProviderOptions>>(sp => new SectionBinder<GrokProviderOptions>(
            sp.GetService<IConfiguration>(),
            ProviderPath,
            static (name, section, options) =>
                SectionBinder<GrokProviderOptions>.Bind(name, section, () => SectionView.Without(section, ProviderLevelKeys).Bind(options, SectionBinder<GrokProviderOptions>.Strict)),
            static (name, options) => options.Name = name));

        services.AddSingleton<IConfigureOptions<ClaudeProviderOptions>>(sp => new SectionBinder<ClaudeProviderOptions>(
            sp.GetService<IConfiguration>(),
            ProviderPath,
            static (name, section, options) =>
                SectionBinder<ClaudeProviderOptions>.Bind(name, section, () => SectionView.Without(section, ProviderLevelKeys).Bind(options, SectionBinder<ClaudeProviderOptions>.Strict)),
            static (name, options) => options.Name = name));

        services.AddSingleton<IConfigureOptions<OpenAICompatibleProviderOptions>>(sp => new SectionBinder<OpenAICompatibleProviderOptions>(
            sp.GetService<IConfiguration>(),
            ProviderPath,
            static (name, section, options) =>
                SectionBinder<OpenAICompatibleProviderOptions>.Bind(name, section, () => SectionView.Without(section, ProviderLevelKeys).Bind(options, SectionBinder<OpenAICompatibleProviderOptions>.Strict)),
            static (name, options) => options.Name = name));

        services.AddSingleton<IConfigureOptions<ProviderResilienceOptions>>(sp => new SectionBinder<ProviderResilienceOptions>(
            sp.GetService<IConfiguration>(),
            static name => string.IsNullOrEmpty(name) ? null : ConfigurationPaths.Resilience(name),
            static (name, section, options) => SectionBinder<ProviderResilienceOptions>.Bind(name, section, () => section.Bind(options, SectionBinder<ProviderResilienceOptions>.Strict))));

        services.AddSingleton<IConfigureOptions<ProviderRateLimitOptions>>(sp => new SectionBinder<ProviderRateLimitOptions>(
            sp.GetService<IConfiguration>(),
            static name => string.IsNullOrEmpty(name) ? null : ConfigurationPaths.RateLimit(name),
            static (name, section, options) => SectionBinder<ProviderRateLimitOptions>.Bind(name, section, () => section.Bind(options, SectionBinder<ProviderRateLimitOptions>.Strict))));
    }

    private static void AddDefaultsAndValidators(IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<MultiModelOptions>, CodeOrderDefault>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<GrokProviderOptions>, ApiKeyDefaults>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<ClaudeProviderOptions>, ApiKeyDefaults>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GrokProviderOptions>, ProviderOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClaudeProviderOptions>, ProviderOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OpenAICompatibleProviderOptions>, ProviderOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ProviderResilienceOptions>, ProviderOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ProviderRateLimitOptions>, ProviderOptionsValidator>());
    }

    private static void RejectKeys(IConfigurationSection section, string[] keys)
    {
        foreach (var key in keys)
        {
            if (section.GetSection(key).Exists())
            {
                throw new InvalidOperationException(string.Equals(key, "Confidence", StringComparison.OrdinalIgnoreCase)
                    ? $"{section.Path}:{key} is not read: the confidence settings have their own section, beside Failover."
                    : $"{section.Path}:{key} can only be set in code (ConfigureFailover or ConfigureChain).");
            }
        }
    }

    private static string? ProviderPath(string name) => string.IsNullOrEmpty(name) ? null : ConfigurationPaths.Provider(name);

    /// <summary>Orders a chain that configures no order: the providers added in code through its builder, in the order they were added.</summary>
    private sealed class CodeOrderDefault(ProviderRegistrations registrations) : IPostConfigureOptions<MultiModelOptions>
    {
        public void PostConfigure(string? name, MultiModelOptions options)
        {
            if (options.Order.Count == 0)
            {
                foreach (var provider in registrations.CodeOrder(name ?? string.Empty))
                {
                    options.Order.Add(provider);
                }
            }
        }
    }

    /// <summary>Takes a missing API key from <c>XAI_API_KEY</c> / <c>ANTHROPIC_API_KEY</c>: configuration first, then the environment.</summary>
    private sealed class ApiKeyDefaults(IConfiguration? configuration = null) : IPostConfigureOptions<GrokProviderOptions>, IPostConfigureOptions<ClaudeProviderOptions>
    {
        public void PostConfigure(string? name, GrokProviderOptions options) => options.ApiKey = Fallback(options.ApiKey, ProviderKind.Grok);

        public void PostConfigure(string? name, ClaudeProviderOptions options) => options.ApiKey = Fallback(options.ApiKey, ProviderKind.Claude);

        private string? Fallback(string? apiKey, ProviderKind kind)
        {
            if (!string.IsNullOrWhiteSpace(apiKey) || ProviderKinds.ApiKeyVariable(kind) is not { } variable)
            {
                return apiKey;
            }

            var configured = configuration?[variable];
            return string.IsNullOrWhiteSpace(configured) ? Environment.GetEnvironmentVariable(variable) : configured;
        }
    }
}
