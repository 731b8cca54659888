using System.ClientModel;
using System.ClientModel.Primitives;
using Anthropic;
using MultiModel.Benchmarks.Raw;
using Microsoft.Extensions.DependencyInjection;
using MultiModel.Failover;
using MultiModel.Providers.Claude;
using MultiModel.Providers.Grok;
using MultiModel.Resilience;
using OpenAI;
using OpenAI.Chat;

namespace MultiModel.Benchmarks.Infrastructure;

/// <summary>Creates every client under test; each gets its own <see cref="HttpClient"/> (its own connection pool).</summary>
internal sealed class Clients : IDisposable
{
    private readonly List<HttpClient> _httpClients = [];
    private readonly List<IDisposable> _containers = [];

    public HttpClient NewHttpClient()
    {
        var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            Timeout = TimeSpan.FromMinutes(5),
        };
        _httpClients.Add(client);
        return client;
    }

    public RawAnthropicClient RawAnthropic(Uri root) => new(NewHttpClient(), root, Scenario.AnthropicKey, Scenario.ClaudeModel);

    public RawXaiClient RawXai(Uri root) => new(NewHttpClient(), XaiBase(root), Scenario.XaiKey, Scenario.GrokModel);

    public ClaudeChatProvider Claude(Uri root, string name = "claude") => new(NewHttpClient(), new ClaudeProviderOptions
    {
        Name = name,
        ApiKey = Scenario.AnthropicKey,
        BaseUrl = root,
        Model = Scenario.ClaudeModel,
    });

    public GrokChatProvider Grok(Uri root, string name = "grok") => new(NewHttpClient(), new GrokProviderOptions
    {
        Name = name,
        ApiKey = Scenario.XaiKey,
        BaseUrl = XaiBase(root),
        Model = Scenario.GrokModel,
    });

    public static FailoverChatClient Failover(params IChatProvider[] providers) => new(providers);

    /// <summary>Creates a one-provider chain by hand with the resilience README shows: the provider's handler from <see cref="ProviderResilienceFactory"/> and its health store.</summary>
    public FailoverChatClient ByHandResilient(Uri root, bool claude)
    {
        var health = new InMemoryProviderHealthStore();
        var handler = new ProviderResilienceFactory(health).CreateHandler(
            claude ? "claude" : "grok", new ProviderResilienceOptions(), new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10) });
        var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _httpClients.Add(http);
        IChatProvider provider = claude
            ? new ClaudeChatProvider(http, new ClaudeProviderOptions { ApiKey = Scenario.AnthropicKey, BaseUrl = root, Model = Scenario.ClaudeModel })
            : new GrokChatProvider(http, new GrokProviderOptions { ApiKey = Scenario.XaiKey, BaseUrl = XaiBase(root), Model = Scenario.GrokModel });
        return new FailoverChatClient([provider], new FailoverChatClientOptions { HealthSource = health });
    }

    /// <summary>Creates one-provider chains the way an application does: <c>AddMultiModel()</c> in a container with logging.</summary>
    public (FailoverChatClient Claude, FailoverChatClient Grok) DependencyInjection(Uri root)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddMultiModel()
            .AddClaude(configure: o => (o.ApiKey, o.BaseUrl, o.Model) = (Scenario.AnthropicKey, root, Scenario.ClaudeModel))
            .AddGrok(configure: o => (o.ApiKey, o.BaseUrl, o.Model) = (Scenario.XaiKey, XaiBase(root), Scenario.GrokModel));
        services.AddMultiModel("claude-only").WithOrder("claude");
        services.AddMultiModel("grok-only").WithOrder("grok");
        var container = services.BuildServiceProvider();
        _containers.Add(container);
        return (container.GetRequiredKeyedService<FailoverChatClient>("claude-only"), container.GetRequiredKeyedService<FailoverChatClient>("grok-only"));
    }

    /// <summary>Creates the official Anthropic SDK client; the emulator wants <c>x-api-key</c>, which the SDK sends as an extra header.</summary>
    public AnthropicClient AnthropicSdk(Uri root) => new(new Anthropic.Core.ClientOptions
    {
        ApiKey = Scenario.AnthropicKey,
        BaseUrl = root.ToString().TrimEnd('/'),
        HttpClient = NewHttpClient(),
        MaxRetries = 0,
        ExtraHeaders = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["x-api-key"] = Scenario.AnthropicKey },
    });

    /// <summary>Creates the official OpenAI SDK chat client pointed at the emulator's xAI endpoint.</summary>
    public ChatClient OpenAISdk(Uri root) => new(
        Scenario.GrokModel,
        new ApiKeyCredential(Scenario.XaiKey),
        new OpenAIClientOptions
        {
            Endpoint = XaiBase(root),
            Transport = new HttpClientPipelineTransport(NewHttpClient()),
            RetryPolicy = new ClientRetryPolicy(0),
        });

    /// <summary>Disposes <paramref name="disposable"/> (a client or a container made elsewhere) with the others.</summary>
    public void Own(IDisposable disposable) => _containers.Add(disposable);

    public void Dispose()
    {
        foreach (var client in _httpClients)
        {
            client.Dispose();
        }

        _httpClients.Clear();
        foreach (var container in _containers)
        {
            container.Dispose();
        }

        _containers.Clear();
    }

    private static Uri XaiBase(Uri root) => new(root, "/v1");
}
