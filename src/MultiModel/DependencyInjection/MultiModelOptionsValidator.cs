using System.Globalization;
using Microsoft.Extensions.Options;
using MultiModel.Internal;

namespace MultiModel.DependencyInjection;

/// <summary>Validates MultiModel options at start-up; every message names the configuration path at fault.</summary>
internal sealed class MultiModelOptionsValidator : IValidateOptions<MultiModelOptions>
{
    private readonly IServiceProvider _services;
    private readonly ProviderRegistrations _registrations;

    public MultiModelOptionsValidator(IServiceProvider services, ProviderRegistrations registrations)
    {
        _services = services;
        _registrations = registrations;
    }

    public ValidateOptionsResult Validate(string? name, MultiModelOptions options)
    {
        var isDefault = string.IsNullOrEmpty(name);
        if (!isDefault && !_registrations.IsChain(name!))
        {
            return ValidateOptionsResult.Skip;
        }

        var root = isDefault ? MultiModelOptions.SectionName : $"{MultiModelOptions.SectionName}:Chains:{name}";
        var errors = new List<string>();

        if (isDefault)
        {
            foreach (var (providerName, provider) in options.Providers)
            {
                ValidateProvider($"{root}:Providers:{providerName}", provider, errors);
            }
        }

        // Providers always come from the unnamed instance (resolved lazily: the options monitor depends on this validator).
        var providers = isDefault
            ? options.Providers
            : ((IOptionsMonitor<MultiModelOptions>)_services.GetService(typeof(IOptionsMonitor<MultiModelOptions>))!).CurrentValue.Providers;
        ValidateOrder(root, options.Order, providers, errors);
        ValidateChainSettings(root, options, errors);

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private void ValidateOrder(string root, IList<string> order, IDictionary<string, MultiModelProviderOptions> providers, List<string> errors)
    {
        if (order.Count == 0)
        {
            errors.Add($"{root}:Order is empty; list the providers to try, for example [\"grok\", \"claude\"].");
            return;
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < order.Count; i++)
        {
            var entry = order[i];
            var path = string.Create(CultureInfo.InvariantCulture, $"{root}:Order:{i}");
            if (string.IsNullOrWhiteSpace(entry))
            {
                errors.Add($"{path} is empty.");
            }
            else if (!providers.ContainsKey(entry) && !_registrations.HasCustomProvider(entry))
            {
                var known = string.Join(", ", providers.Keys.Concat(_registrations.CustomProviderNames).Order(StringComparer.OrdinalIgnoreCase));
                errors.Add($"{path} names '{entry}', which is not a configured provider (known: {(known.Length == 0 ? "none" : known)}).");
            }
            else if (!seen.Add(entry))
            {
                errors.Add($"{path} names '{entry}' a second time.");
            }
        }
    }

    private static void ValidateChainSettings(string root, MultiModelOptions options, List<string> errors)
    {
        var threshold = options.Confidence.Threshold;
        if (!UnitInterval.Contains(threshold))
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{root}:Confidence:Threshold must be between 0 and 1 (was {threshold})."));
        }

        if (!Enum.IsDefined(options.Confidence.WhenNoneMeetsThreshold))
        {
            errors.Add($"{root}:Confidence:WhenNoneMeetsThreshold is not a known behaviour.");
        }

        var failover = options.Failover;
        if (failover.AttemptTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{root}:Failover:AttemptTimeout must be positive (was {failover.AttemptTimeout}).");
        }

        if (failover.MaxAttempts is <= 0)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{root}:Failover:MaxAttempts must be positive when set (was {failover.MaxAttempts})."));
        }

        if (failover.HedgingDelay is { } hedging && hedging < TimeSpan.Zero)
        {
            errors.Add($"{root}:Failover:HedgingDelay must not be negative (was {hedging}).");
        }

        if (failover.HeadBufferLength < 0)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{root}:Failover:HeadBufferLength must not be negative (was {failover.HeadBufferLength})."));
        }

        if (failover.HeadBufferTime is { } headTime && headTime <= TimeSpan.Zero)
        {
            errors.Add($"{root}:Failover:HeadBufferTime must be positive when set (was {headTime}).");
        }
    }

    private static void ValidateProvider(string path, MultiModelProviderOptions provider, List<string> errors)
    {
        if (provider is null)
        {
            errors.Add($"{path} is empty.");
            return;
        }

        var kind = ProviderKinds.Parse(provider.Kind);
        if (kind is null)
        {
            errors.Add(provider.Kind is null
                ? $"{path}:Kind is missing; use Grok, Claude or OpenAICompatible."
                : $"{path}:Kind '{provider.Kind}' is unknown; use Grok, Claude or OpenAICompatible.");
            return;
        }

        var baseUrl = provider.BaseUrl ?? ProviderKinds.DefaultBaseUrl(kind.Value);
        if (baseUrl is null)
        {
            errors.Add($"{path}:BaseUrl is missing; an {kind} provider needs the endpoint's address.");
        }
        else if (!baseUrl.IsAbsoluteUri || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add($"{path}:BaseUrl must be an absolute http(s) address.");
        }
        else if (baseUrl.Scheme == Uri.UriSchemeHttp && !baseUrl.IsLoopback && !provider.AllowInsecureHttp)
        {
            errors.Add($"{path}:BaseUrl uses plain HTTP on a non-loopback host ({baseUrl.Host}); use HTTPS or set AllowInsecureHttp.");
        }

        if (string.IsNullOrWhiteSpace(provider.ApiKey) && !(kind == ProviderKind.OpenAICompatible && baseUrl is { IsAbsoluteUri: true, IsLoopback: true }))
        {
            var fallback = ProviderKinds.ApiKeyVariable(kind.Value);
            errors.Add(fallback is null
                ? $"{path}:ApiKey is missing (only a loopback OpenAICompatible endpoint may go without a key)."
                : $"{path}:ApiKey is missing; set it or the {fallback} variable.");
        }

        if (kind == ProviderKind.OpenAICompatible && string.IsNullOrWhiteSpace(provider.Model))
        {
            errors.Add($"{path}:Model is missing; an OpenAICompatible provider has no default model.");
        }

        if (provider.Model is not null && string.IsNullOrWhiteSpace(provider.Model))
        {
            errors.Add($"{path}:Model is empty.");
        }

        if (provider.MaxOutputTokens is <= 0)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{path}:MaxOutputTokens must be positive when set (was {provider.MaxOutputTokens})."));
        }

        errors.AddRange(provider.Resilience.Validate($"{path}:Resilience"));
    }
}
