using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MultiModel.Failover;
using MultiModel.Testing;
using RichardSzalay.MockHttp;

namespace MultiModel.Tests.DependencyInjection;

[Parallelizable(ParallelScope.All)]
public class MultiModelRegistrationTests
{
    [Test]
    public void AddMultiModel_NullServices_Throws() =>
        Assert.Throws<ArgumentNullException>(() => MultiModelServiceCollectionExtensions.AddMultiModel(null!));

    [Test]
    public async Task AddMultiModel_FromJsonConfiguration_BuildsTheChainInOrder()
    {
        const string json = """
            {
              "MultiModel": {
                "Order": ["grok", "claude"],
                "Providers": {
                  "grok":   { "Kind": "Grok",   "Model": "grok-4",            "ApiKey": "xai-json-key", "BaseUrl": "https://api.x.ai/v1" },
                  "claude": { "Kind": "Claude", "Model": "claude-sonnet-4-5", "ApiKey": "ant-json-key", "BaseUrl": "https://api.anthropic.com" }
                },
                "Confidence": { "Threshold": 0.85, "WhenNoneMeetsThreshold": "Throw" },
                "Failover":   { "AttemptTimeout": "00:00:10" }
              }
            }
            """;
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        using var grokHttp = new MockHttpMessageHandler();
        grokHttp.Expect(HttpMethod.Post, WireAnswers.GrokUrl).WithHeaders("Authorization", "Bearer xai-json-key").Respond("application/json", WireAnswers.Grok("from grok"));
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddMultiModel().GetHttpClientBuilder("grok").ConfigurePrimaryHttpMessageHandler(() => grokHttp);
        await using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        var chain = provider.GetRequiredService<FailoverChatClient>();
        var response = await chain.GetResponseAsync(new ChatRequest("hi"));

        Assert.Multiple(() =>
        {
            Assert.That(chain.Providers.Select(p => p.Name), Is.EqualTo(new[] { "grok", "claude" }));
            Assert.That(chain.Providers.Select(p => p.Metadata.ProviderSystem), Is.EqualTo(new[] { "xai", "anthropic" }));
            Assert.That(chain.Providers[1].Metadata.DefaultModelId, Is.EqualTo("claude-sonnet-4-5"));
            Assert.That(response.Text, Is.EqualTo("from grok"));
            Assert.That(chain.Name, Is.EqualTo("default"));
        });
        grokHttp.VerifyNoOutstandingExpectation();
    }

    [Test]
    [NonParallelizable]
    public async Task AddMultiModel_EnvironmentVariables_OverrideTheBaseUrl()
    {
        var name = "env" + Guid.NewGuid().ToString("N")[..8];
        var variables = new Dictionary<string, string>
        {
            [$"MultiModel__Providers__{name}__Kind"] = "Grok",
            [$"MultiModel__Providers__{name}__ApiKey"] = "env-key",
            [$"MultiModel__Providers__{name}__BaseUrl"] = "https://grok.gateway.test/v1",
            ["MultiModel__Order__0"] = name,
        };
        try
        {
            foreach (var (key, value) in variables)
            {
                Environment.SetEnvironmentVariable(key, value);
            }

            var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
            using var http = new MockHttpMessageHandler();
            http.Expect(HttpMethod.Post, "https://grok.gateway.test/v1/chat/completions").Respond("application/json", WireAnswers.Grok("via gateway"));
            var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
            services.AddMultiModel().GetHttpClientBuilder(name).ConfigurePrimaryHttpMessageHandler(() => http);
            await using var provider = services.BuildServiceProvider();

            var response = await provider.GetRequiredService<IChatProvider>().GetResponseAsync(new ChatRequest("hi"));

            Assert.That(response.Text, Is.EqualTo("via gateway"));
            http.VerifyNoOutstandingExpectation();
        }
        finally
        {
            foreach (var key in variables.Keys)
            {
                Environment.SetEnvironmentVariable(key, null);
            }
        }
    }

    [Test]
    public async Task AddMultiModel_ApiKeyMissing_FallsBackToXaiApiKeyInConfiguration()
    {
        var settings = MultiModelTestContainer.GrokThenClaude(("MultiModel:Providers:grok:ApiKey", null), ("XAI_API_KEY", "fallback-xai-key"));
        await using var container = MultiModelTestContainer.Create(settings, ["grok", "claude"]);
        container.Http["grok"].Expect(HttpMethod.Post, WireAnswers.GrokUrl).WithHeaders("Authorization", "Bearer fallback-xai-key").Respond("application/json", WireAnswers.Grok("ok"));

        var response = await container.Get<IChatProvider>().GetResponseAsync(new ChatRequest("hi"));

        Assert.That(response.ProviderName, Is.EqualTo("grok"));
        container.Http["grok"].VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task AddMultiModel_ProvidersAddedInCode_AreTriedInTheOrderAdded()
    {
        using var http = new MockHttpMessageHandler();
        http.AnswerClaude("claude first");
        var services = new ServiceCollection();
        services.AddMultiModel()
            .AddClaude(configure: o => o.ApiKey = "k1", configureHttpClient: b => b.ConfigurePrimaryHttpMessageHandler(() => http))
            .AddGrok(configure: o => o.ApiKey = "k2")
            .AddProvider("local", _ => new FakeChatProvider("local"));
        await using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        var chain = provider.GetRequiredService<FailoverChatClient>();
        var response = await chain.GetResponseAsync(new ChatRequest("hi"));

        Assert.That(chain.Providers.Select(p => p.Name), Is.EqualTo(new[] { "claude", "grok", "local" }));
        Assert.That(response.Text, Is.EqualTo("claude first"));
    }

    [Test]
    public async Task AddMultiModel_TwoNamedChains_ResolveAsKeyedClientsWithTheirOwnOrder()
    {
        var local = new FakeChatProvider("local");
        local.EnqueueAnswer("local answer");
        await using var container = MultiModelTestContainer.Create(MultiModelTestContainer.GrokThenClaude(), ["grok", "claude"], (services, builder) =>
        {
            builder.AddProvider("local", _ => local);
            services.AddMultiModel("coding").WithOrder("claude", "grok");
            services.AddMultiModel("offline").WithOrder("local").WithConfidenceThreshold(0.5);
        });
        container.Http["claude"].AnswerClaude("claude for coding");

        var coding = container.Services.GetRequiredKeyedService<FailoverChatClient>("coding");
        var offline = container.Services.GetRequiredKeyedService<IChatProvider>("offline");
        var codingAnswer = await coding.GetResponseAsync(new ChatRequest("refactor this"));
        var offlineAnswer = await offline.GetResponseAsync(new ChatRequest("hi"));

        Assert.Multiple(() =>
        {
            Assert.That(container.Get<FailoverChatClient>().Providers.Select(p => p.Name), Is.EqualTo(new[] { "grok", "claude", "local" }).Or.EqualTo(new[] { "grok", "claude" }));
            Assert.That(coding.Providers.Select(p => p.Name), Is.EqualTo(new[] { "claude", "grok" }));
            Assert.That(coding.Name, Is.EqualTo("coding"));
            Assert.That(codingAnswer.Text, Is.EqualTo("claude for coding"));
            Assert.That(offlineAnswer.Text, Is.EqualTo("local answer"));
            Assert.That(container.Services.GetRequiredKeyedService<IChatProvider>("grok"), Is.SameAs(coding.Providers[1]), "Keyed providers are shared by the chains.");
        });
    }

    [Test]
    public async Task AddMultiModel_GrokClaudeAndOpenAICompatibleFromConfiguration_FormOneChain()
    {
        var settings = MultiModelTestContainer.GrokThenClaude(
            ("MultiModel:Order:2", "router"),
            ("MultiModel:Providers:router:Kind", "OpenAICompatible"),
            ("MultiModel:Providers:router:BaseUrl", "https://router.example.test/api/v1"),
            ("MultiModel:Providers:router:Model", "anthropic/claude-sonnet-4-5"),
            ("MultiModel:Providers:router:ApiKey", "router-key"),
            ("MultiModel:Providers:router:Headers:X-Title", "MultiModel tests"));
        await using var container = MultiModelTestContainer.Create(settings, ["grok", "claude", "router"]);
        container.Http["grok"].When(HttpMethod.Post, WireAnswers.GrokUrl).Respond(_ => WireAnswers.Status(503));
        container.Http["claude"].When(HttpMethod.Post, WireAnswers.ClaudeUrl).Respond(_ => WireAnswers.Status(529));
        container.Http["router"].Expect(HttpMethod.Post, "https://router.example.test/api/v1/chat/completions")
            .WithHeaders("Authorization", "Bearer router-key")
            .WithHeaders("X-Title", "MultiModel tests")
            .WithPartialContent("\"model\":\"anthropic/claude-sonnet-4-5\"")
            .Respond("application/json", WireAnswers.Grok("routed"));

        var response = await container.Get<FailoverChatClient>().GetResponseAsync(new ChatRequest("hi"));

        Assert.Multiple(() =>
        {
            Assert.That(response.Text, Is.EqualTo("routed"));
            Assert.That(response.Attempts.Select(a => (a.ProviderName, a.Outcome)), Is.EqualTo(new[]
            {
                ("grok", ChatAttemptOutcome.Failed),
                ("claude", ChatAttemptOutcome.Failed),
                ("router", ChatAttemptOutcome.Succeeded),
            }));
            Assert.That(container.Services.GetRequiredKeyedService<IChatProvider>("router").Metadata.ProviderSystem, Is.EqualTo("openai"));
        });
        container.Http["router"].VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task AddMultiModel_CalledTwice_BindsConfigurationOnce()
    {
        await using var container = MultiModelTestContainer.Create(MultiModelTestContainer.GrokThenClaude(), [], (services, _) => services.AddMultiModel().AddGrok());

        Assert.That(container.Options.Order, Is.EqualTo(new[] { "grok", "claude" }));
    }
}
