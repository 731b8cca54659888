using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using MultiModel.Providers.Claude;
using MultiModel.Providers.Grok;
using MultiModel.Providers.OpenAICompatible;

namespace MultiModel.DependencyInjection;

/// <summary>Creates the providers named in configuration or code, once per configuration snapshot, each with its named HttpClient.</summary>
internal sealed class ChatProviderRegistry
{
    private readonly ConcurrentDictionary<string, (object? Source, IChatProvider Provider)> _cache = new(StringComparer.OrdinalIgnoreCase);
    private readonly IServiceProvider _services;
    private readonly IOptionsMonitor<MultiModelOptions> _options;
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly ProviderRegistrations _registrations;
    private readonly TimeProvider _timeProvider;

    public ChatProviderRegistry(
        IServiceProvider services,
        IOptionsMonitor<MultiModelOptions> options,
        IHttpClientFactory httpClientFactory,
        ProviderRegistrations registrations,
        TimeProvider timeProvider)
    {
        _services = services;
        _options = options;
        _httpClientFactory = httpClientFactory;
        _registrations = registrations;
        _timeProvider = timeProvider;
    }

    /// <summary>Gets the provider with this name; a configuration reload that changes its settings yields a new instance.</summary>
    /// <exception cref="InvalidOperationException">No provider has that name.</exception>
    public IChatProvider Get(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        object? source = _registrations.GetCustom(name);
        if (source is null && _options.CurrentValue.Providers.TryGetValue(name, out var configured))
        {
            source = configured;
        }

        if (source is null)
        {
            throw new InvalidOperationException(
                $"No MultiModel provider is named '{name}'. Add it under MultiModel:Providers or with AddGrok/AddClaude/AddOpenAICompatible/AddProvider.");
        }

        if (_cache.TryGetValue(name, out var cached) && ReferenceEquals(cached.Source, source))
        {
            return cached.Provider;
        }

        var provider = source is Func<IServiceProvider, IChatProvider> factory
            ? factory(_services) ?? throw new InvalidOperationException($"The factory of provider '{name}' returned null.")
            : Create(name, (MultiModelProviderOptions)source);
        _cache[name] = (source, provider);
        return provider;
    }

    private IChatProvider Create(string name, MultiModelProviderOptions options)
    {
        var httpClient = _httpClientFactory.CreateClient(ProviderRegistrations.HttpClientName(name));
        switch (ProviderKinds.Parse(options.Kind))
        {
            case ProviderKind.Grok:
                var grok = new GrokProviderOptions { Name = name, ApiKey = options.ApiKey, MaxOutputTokens = options.MaxOutputTokens };
                grok.Model = options.Model ?? grok.Model;
                grok.BaseUrl = options.BaseUrl ?? grok.BaseUrl;
                return new GrokChatProvider(httpClient, grok, _timeProvider);

            case ProviderKind.Claude:
                var claude = new ClaudeProviderOptions { Name = name, ApiKey = options.ApiKey };
                claude.Model = options.Model ?? claude.Model;
                claude.BaseUrl = options.BaseUrl ?? claude.BaseUrl;
                claude.MaxOutputTokens = options.MaxOutputTokens ?? claude.MaxOutputTokens;
                return new ClaudeChatProvider(httpClient, claude, _timeProvider);

            case ProviderKind.OpenAICompatible:
                var compatible = new OpenAICompatibleProviderOptions
                {
                    Name = name,
                    ApiKey = options.ApiKey,
                    Model = options.Model,
                    BaseUrl = options.BaseUrl,
                    MaxOutputTokens = options.MaxOutputTokens,
                };
                compatible.ProviderSystem = options.ProviderSystem ?? compatible.ProviderSystem;
                foreach (var (header, value) in options.Headers)
                {
                    compatible.Headers[header] = value;
                }

                return new OpenAICompatibleChatProvider(httpClient, compatible, _timeProvider);

            default:
                throw new InvalidOperationException($"MultiModel:Providers:{name}:Kind '{options.Kind}' is unknown; use Grok, Claude or OpenAICompatible.");
        }
    }
}
