using System.ClientModel;
using System.ClientModel.Primitives;
using Anthropic;
using MultiModel.Benchmarks.Raw;
using MultiModel.Failover;
using MultiModel.Providers.Claude;
using MultiModel.Providers.Grok;
using OpenAI;
using OpenAI.Chat;

namespace MultiModel.Benchmarks.Infrastructure;

/// <summary>Creates every client under test; each gets its own <see cref="HttpClient"/> (its own connection pool).</summary>
internal sealed class Clients : IDisposable
{
    private readonly List<HttpClient> _httpClients = [];

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

    public void Dispose()
    {
        foreach (var client in _httpClients)
        {
            client.Dispose();
        }

        _httpClients.Clear();
    }

    private static Uri XaiBase(Uri root) => new(root, "/v1");
}
