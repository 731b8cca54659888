using Microsoft.Extensions.DependencyInjection;

namespace MultiModel.DependencyInjection;

/// <summary>What was registered in code: chain names, providers and their kinds, custom providers, the order they were added in.</summary>
internal sealed class ProviderRegistrations
{
    private readonly object _gate = new();
    private readonly HashSet<string> _chains = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ProviderKind> _kinds = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Func<IServiceProvider, IChatProvider>> _custom = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _standardHandlers = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<string>> _codeOrder = new(StringComparer.Ordinal);

    public const string ClientNamePrefix = "MultiModel.";

    public static string HttpClientName(string providerName) => ClientNamePrefix + providerName;

    /// <summary>Finds the instance registered in <paramref name="services"/>, registering one the first time.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="created"><see langword="true"/> when this call registered it.</param>
    public static ProviderRegistrations GetOrAdd(IServiceCollection services, out bool created)
    {
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(ProviderRegistrations) && descriptor.ImplementationInstance is ProviderRegistrations existing)
            {
                created = false;
                return existing;
            }
        }

        var registrations = new ProviderRegistrations();
        services.AddSingleton(registrations);
        created = true;
        return registrations;
    }

    public static ProviderRegistrations GetOrAdd(IServiceCollection services) => GetOrAdd(services, out _);

    /// <summary>Gets the chains registered, <c>""</c> for the default chain.</summary>
    public IReadOnlyCollection<string> Chains => Read(() => _chains.ToArray());

    public IReadOnlyDictionary<string, ProviderKind> Kinds => Read(() => new Dictionary<string, ProviderKind>(_kinds, StringComparer.OrdinalIgnoreCase));

    public IReadOnlyCollection<string> CustomProviderNames => Read(() => _custom.Keys.ToArray());

    /// <summary>Records a chain; false when it was already registered.</summary>
    public bool AddChain(string chainName) => Read(() => _chains.Add(chainName));

    public bool IsChain(string chainName) => Read(() => _chains.Contains(chainName));

    public void AddProvider(string chainName, string providerName, ProviderKind kind) => Write(() =>
    {
        _kinds[providerName] = kind;
        NoteOrder(chainName, providerName);
    });

    public void AddCustom(string chainName, string providerName, Func<IServiceProvider, IChatProvider> factory) => Write(() =>
    {
        _custom[providerName] = factory;
        NoteOrder(chainName, providerName);
    });

    public Func<IServiceProvider, IChatProvider>? GetCustom(string providerName) => Read(() => _custom.GetValueOrDefault(providerName));

    public void UseStandardHandler(string providerName) => Write(() => _standardHandlers.Add(providerName));

    public bool UsesStandardHandler(string providerName) => Read(() => _standardHandlers.Contains(providerName));

    /// <summary>Gets the providers added in code through a chain's builder, in the order they were added.</summary>
    public IReadOnlyList<string> CodeOrder(string chainName) => Read(() => _codeOrder.TryGetValue(chainName, out var order) ? order.ToArray() : []);

    private void NoteOrder(string chainName, string providerName)
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

    private T Read<T>(Func<T> read)
    {
        lock (_gate)
        {
            return read();
        }
    }

    private void Write(Action write)
    {
        lock (_gate)
        {
            write();
        }
    }
}
