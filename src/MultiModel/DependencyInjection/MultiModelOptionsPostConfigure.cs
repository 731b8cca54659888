using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace MultiModel.DependencyInjection;

/// <summary>Fills what configuration left out: API keys from XAI_API_KEY / ANTHROPIC_API_KEY, and the order of code-added providers.</summary>
internal sealed class MultiModelOptionsPostConfigure : IPostConfigureOptions<MultiModelOptions>
{
    private readonly IConfiguration? _configuration;
    private readonly ProviderRegistrations _registrations;

    public MultiModelOptionsPostConfigure(ProviderRegistrations registrations, IConfiguration? configuration = null)
    {
        _registrations = registrations;
        _configuration = configuration;
    }

    public void PostConfigure(string? name, MultiModelOptions options)
    {
        if (options.Order.Count == 0)
        {
            foreach (var provider in _registrations.CodeOrder(name ?? string.Empty))
            {
                options.Order.Add(provider);
            }
        }

        if (!string.IsNullOrEmpty(name))
        {
            return;
        }

        foreach (var provider in options.Providers.Values)
        {
            if (provider is null || !string.IsNullOrWhiteSpace(provider.ApiKey)
                || ProviderKinds.Parse(provider.Kind) is not { } kind || ProviderKinds.ApiKeyVariable(kind) is not { } variable)
            {
                continue;
            }

            var fallback = _configuration?[variable];
            provider.ApiKey = string.IsNullOrWhiteSpace(fallback) ? Environment.GetEnvironmentVariable(variable) : fallback;
        }
    }
}
