using Microsoft.Extensions.DependencyInjection;
using MultiModel.Failover;

namespace MultiModel.DependencyInjection;

/// <summary>What was registered in code: chain names, custom providers, providers in the order they were added, per-chain hooks.</summary>
internal sealed class ProviderRegistrations
{
    private readonly object _gate = new();
    private readonly HashSet<string> _chains = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _bound = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<IServiceProvider, IChatProvider>> _custom = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<string>> _codeOrder = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Action<IServiceProvider, FailoverChatClientOptions>>> _chainHooks = new(StringComparer.OrdinalIgnoreCase);

    public const string ClientNamePrefix = "MultiModel.";

    public static string HttpClientName(string providerName) => ClientNamePrefix + providerName;

    /// <summary>Finds the instance registered in <paramref name="services"/>, registering one the first time.</summary>
    public static ProviderRegistrations GetOrAdd(IServiceCollection services)
    {
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(ProviderRegistrations) && descriptor.ImplementationInstance is ProviderRegistrations existing)
            {
                return existing;
            }
        }

        var created = new ProviderRegistrations();
        services.AddSingleton(created);
        return created;
    }

    public IReadOnlyCollection<string> CustomProviderNames
    {
        get
        {
            lock (_gate)
            {
                return [.. _custom.Keys];
            }
        }
    }

    /// <summary>Gets the providers added in code through a chain's builder, in the order they were added.</summary>
    public IReadOnlyList<string> CodeOrder(string chainName)
    {
        lock (_gate)
        {
            return _codeOrder.TryGetValue(chainName, out var order) ? [.. order] : [];
        }
    }

    /// <summary>Records that the options of <paramref name="optionsName"/> are bound from configuration; false if they already were.</summary>
    public bool MarkBound(string optionsName)
    {
        lock (_gate)
        {
            return _bound.Add(optionsName);
        }
    }

    public bool AddChain(string name)
    {
        lock (_gate)
        {
            return _chains.Add(name);
        }
    }

    public bool IsChain(string name)
    {
        lock (_gate)
        {
            return _chains.Contains(name);
        }
    }

    public void NoteProvider(string chainName, string providerName)
    {
        lock (_gate)
        {
            if (!_codeOrder.TryGetValue(chainName, out var order))
            {
                _codeOrder[chainName] = order = [];
            }

            if (!order.Contains(providerName, StringComparer.OrdinalIgnoreCase))
            {
                order.Add(providerName);
            }
        }
    }

    public void AddCustom(string name, Func<IServiceProvider, IChatProvider> factory)
    {
        lock (_gate)
        {
            _custom[name] = factory;
        }
    }

    public bool HasCustomProvider(string name)
    {
        lock (_gate)
        {
            return _custom.ContainsKey(name);
        }
    }

    public Func<IServiceProvider, IChatProvider>? GetCustom(string name)
    {
        lock (_gate)
        {
            return _custom.GetValueOrDefault(name);
        }
    }

    public void AddChainHook(string chainName, Action<IServiceProvider, FailoverChatClientOptions> hook)
    {
        lock (_gate)
        {
            if (!_chainHooks.TryGetValue(chainName, out var hooks))
            {
                _chainHooks[chainName] = hooks = [];
            }

            hooks.Add(hook);
        }
    }

    public IReadOnlyList<Action<IServiceProvider, FailoverChatClientOptions>> GetChainHooks(string chainName)
    {
        lock (_gate)
        {
            return _chainHooks.TryGetValue(chainName, out var hooks) ? [.. hooks] : [];
        }
    }
}
