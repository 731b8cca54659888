using System.Net;
using MultiModel.Providers.OpenAICompatible;
using MultiModel.Tests.Providers.ChatCompletions;
using static MultiModel.Tests.Providers.ChatCompletions.ChatCompletionsHttp;

namespace MultiModel.Tests.Providers.OpenAICompatible;

[Parallelizable(ParallelScope.All)]
public class OpenAICompatibleChatProviderTests
{
    private const string ApiKey = "sk-or-UNIQUE-key-51b2e0";
    private const string OpenRouterUrl = "https://openrouter.ai/api/v1/chat/completions";
    private const string OllamaUrl = "http://127.0.0.1:11434/v1/chat/completions";

    private const string Answer = """
        {"id":"gen-1","object":"chat.completion","model":"anthropic/claude-sonnet-4-5",
         "choices":[{"index":0,"message":{"role":"assistant","content":"Paris."},"finish_reason":"stop"}],
         "usage":{"prompt_tokens":12,"completion_tokens":30,"total_tokens":42,"completion_tokens_details":{"reasoning_tokens":28}}}
        """;

    private static readonly string Stream = Sse(
        """{"id":"gen-2","model":"xai/grok-4","choices":[{"index":0,"delta":{"role":"assistant","content":"Par"}}]}""",
        """{"id":"gen-2","model":"xai/grok-4","choices":[{"index":0,"delta":{"content":"is."},"finish_reason":"stop"}]}""",
        """{"id":"gen-2","model":"xai/grok-4","choices":[],"usage":{"prompt_tokens":12,"completion_tokens":2,"total_tokens":44,"completion_tokens_details":{"reasoning_tokens":30}}}""",
        "[DONE]");

    [Test]
    public async Task GetResponseAsync_OpenRouter_SendsKeyExtraHeadersAndSlashedModel()
    {
        using var http = new ChatCompletionsHttp();
        var sent = http.Expect(OpenRouterUrl, Answer);

        var response = await CreateOpenRouter(http.Client).GetResponseAsync(new ChatRequest("Capital of France?") { MaxOutputTokens = 50 });

        http.Handler.VerifyNoOutstandingExpectation();
        Assert.Multiple(() =>
        {
            Assert.That(sent.Headers["Authorization"], Is.EqualTo("Bearer " + ApiKey));
            Assert.That(sent.Headers["HTTP-Referer"], Is.EqualTo("https://example.org/app"));
            Assert.That(sent.Headers["X-Title"], Is.EqualTo("MultiModel tests"));
            Assert.That(response.Text, Is.EqualTo("Paris."));
            Assert.That(response.ProviderName, Is.EqualTo("openrouter"));
            Assert.That(response.ModelId, Is.EqualTo("anthropic/claude-sonnet-4-5"));
        });
        AssertJsonEqual(sent.Body, """
            {"model":"anthropic/claude-sonnet-4-5","messages":[{"role":"user","content":"Capital of France?"}],"max_completion_tokens":50}
            """);
    }

    [Test]
    public async Task GetResponseAsync_OpenAIUsage_CountsReasoningInsideCompletion()
    {
        using var http = new ChatCompletionsHttp();
        http.Expect(OpenRouterUrl, Answer);

        var usage = (await CreateOpenRouter(http.Client).GetResponseAsync(new ChatRequest("Hi"))).Usage;

        Assert.That(usage.OutputTokens, Is.EqualTo(30));
        Assert.That(usage.ReasoningTokens, Is.EqualTo(28));
        Assert.That(usage.TotalTokens, Is.EqualTo(42));
    }

    [Test]
    public async Task GetResponseAsync_UsageWithoutTotal_FallsBackToOpenAIRule()
    {
        using var http = new ChatCompletionsHttp();
        http.Expect(OpenRouterUrl, Answer.Replace("\"total_tokens\":42,", string.Empty, StringComparison.Ordinal));

        var usage = (await CreateOpenRouter(http.Client).GetResponseAsync(new ChatRequest("Hi"))).Usage;

        Assert.That(usage.OutputTokens, Is.EqualTo(30));
    }

    [Test]
    public async Task GetStreamingResponseAsync_OpenRouter_SendsHeadersAndDetectsXaiArithmetic()
    {
        using var http = new ChatCompletionsHttp();
        var sent = http.ExpectStream(OpenRouterUrl, Stream);

        var updates = await CollectAsync(CreateOpenRouter(http.Client, "xai/grok-4").GetStreamingResponseAsync(new ChatRequest("Hi")));

        Assert.Multiple(() =>
        {
            Assert.That(sent.Headers["X-Title"], Is.EqualTo("MultiModel tests"));
            Assert.That(string.Concat(updates.Select(u => u.Text)), Is.EqualTo("Paris."));
            Assert.That(updates[^1].IsFinal, Is.True);
            Assert.That(updates[^1].Usage!.OutputTokens, Is.EqualTo(32), "total 44 = 12 + 2 + 30, so reasoning was outside completion");
        });
        AssertJsonEqual(sent.Body, """
            {"model":"xai/grok-4","messages":[{"role":"user","content":"Hi"}],"stream":true,"stream_options":{"include_usage":true}}
            """);
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task GetResponseAsync_LoopbackWithoutKey_SendsNoAuthorizationHeader(bool streaming)
    {
        using var http = new ChatCompletionsHttp();
        var sent = streaming ? http.ExpectStream(OllamaUrl, Stream) : http.Expect(OllamaUrl, Answer);
        var provider = new OpenAICompatibleChatProvider(
            http.Client,
            new OpenAICompatibleProviderOptions { Name = "ollama", Model = "llama3.2", BaseUrl = new Uri("http://127.0.0.1:11434/v1/") });

        if (streaming)
        {
            await CollectAsync(provider.GetStreamingResponseAsync(new ChatRequest("Hi")));
        }
        else
        {
            await provider.GetResponseAsync(new ChatRequest("Hi"));
        }

        http.Handler.VerifyNoOutstandingExpectation();
        Assert.That(sent.Headers.ContainsKey("Authorization"), Is.False);
        Assert.That(sent.Body, Does.Contain("\"llama3.2\""));
    }

    [TestCase("http://localhost:8000/v1")]
    [TestCase("http://[::1]:8000/v1")]
    public void Constructor_OtherLoopbackWithoutKey_IsAllowed(string baseUrl)
    {
        using var client = new HttpClient();

        Assert.DoesNotThrow(() => new OpenAICompatibleChatProvider(client, new OpenAICompatibleProviderOptions { Model = "m", BaseUrl = new Uri(baseUrl) }));
    }

    [TestCase("https://openrouter.ai/api/v1")]
    [TestCase("http://10.0.0.5:8000/v1")]
    public void Constructor_NonLoopbackWithoutKey_ThrowsArgumentException(string baseUrl)
    {
        using var client = new HttpClient();
        var options = new OpenAICompatibleProviderOptions { Model = "m", BaseUrl = new Uri(baseUrl) };

        var ex = Assert.Throws<ArgumentException>(() => new OpenAICompatibleChatProvider(client, options));

        Assert.That(ex.Message, Does.Contain("OpenAICompatibleProviderOptions.ApiKey is required"));
    }

    [TestCase(null, "https://openrouter.ai/api/v1", "Model")]
    [TestCase("m", null, "BaseUrl")]
    public void Constructor_MissingModelOrBaseUrl_ThrowsArgumentException(string? model, string? baseUrl, string property)
    {
        using var client = new HttpClient();
        var options = new OpenAICompatibleProviderOptions { ApiKey = ApiKey, Model = model, BaseUrl = baseUrl is null ? null : new Uri(baseUrl) };

        var ex = Assert.Throws<ArgumentException>(() => new OpenAICompatibleChatProvider(client, options));

        Assert.That(ex.Message, Does.Contain("OpenAICompatibleProviderOptions." + property));
    }

    [TestCase("Authorization", "Bearer other")]
    [TestCase("Content-Type", "text/plain")]
    [TestCase("Bad Header", "x")]
    [TestCase("X-Title", "two\r\nlines")]
    public void Constructor_InvalidHeader_ThrowsArgumentException(string name, string value)
    {
        using var client = new HttpClient();
        var options = Options();
        options.Headers[name] = value;

        var ex = Assert.Throws<ArgumentException>(() => new OpenAICompatibleChatProvider(client, options));

        Assert.That(ex.Message, Does.Contain("Headers"));
        Assert.That(ex.Message, Does.Not.Contain(value));
    }

    [Test]
    public void Metadata_CustomSystem_IsReported()
    {
        using var client = new HttpClient();
        var options = Options();
        options.ProviderSystem = "openrouter";

        var metadata = new OpenAICompatibleChatProvider(client, options).Metadata;

        Assert.That(metadata.ProviderSystem, Is.EqualTo("openrouter"));
        Assert.That(metadata.Endpoint, Is.EqualTo(new Uri("https://openrouter.ai/api/v1")));
        Assert.That(metadata.DefaultModelId, Is.EqualTo("anthropic/claude-sonnet-4-5"));
    }

    [Test]
    public void Defaults_NameSystemAndHeaders_AreDocumentedValues()
    {
        var options = new OpenAICompatibleProviderOptions();

        Assert.That(options.Name, Is.EqualTo("openai-compatible"));
        Assert.That(options.ProviderSystem, Is.EqualTo("openai"));
        Assert.That(options.Headers, Is.Empty);
        Assert.That(options.Model, Is.Null);
        Assert.That(options.BaseUrl, Is.Null);
    }

    [Test]
    public void GetResponseAsync_OpenAINestedError_IsTypedAndHidesTheKey()
    {
        using var http = new ChatCompletionsHttp();
        http.Expect(
            OpenRouterUrl,
            $$$"""{"error":{"message":"Incorrect API key provided: {{{ApiKey}}}.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}""",
            HttpStatusCode.Unauthorized,
            headers: ("x-request-id", "req-oai"));
        var options = Options();

        var ex = Assert.ThrowsAsync<ChatProviderException>(() => new OpenAICompatibleChatProvider(http.Client, options).GetResponseAsync(new ChatRequest("Hi")));

        Assert.Multiple(() =>
        {
            Assert.That(ex.StatusCode, Is.EqualTo(401));
            Assert.That(ex.ErrorType, Is.EqualTo("invalid_request_error"));
            Assert.That(ex.ProviderMessage, Is.EqualTo("Incorrect API key provided: ***."));
            Assert.That(ex.RequestId, Is.EqualTo("req-oai"));
            Assert.That(ex.IsTransient, Is.False);
            Assert.That(ex.ProviderName, Is.EqualTo("openrouter"));
            foreach (var text in new[] { ex.Message, ex.ToString(), ex.ResponseBody, options.ToString() })
            {
                Assert.That(text, Does.Not.Contain(ApiKey));
            }
        });
    }

    [Test]
    public void ToString_WithHeaders_ShowsHeaderNamesButNotValuesOrKey()
    {
        var options = Options();
        options.Headers["X-Custom-Secret"] = "hidden-value-123";

        Assert.That(options.ToString(), Does.Contain("X-Custom-Secret").And.Not.Contain("hidden-value-123").And.Not.Contain(ApiKey));
    }

    private static OpenAICompatibleProviderOptions Options(string model = "anthropic/claude-sonnet-4-5")
    {
        var options = new OpenAICompatibleProviderOptions
        {
            Name = "openrouter",
            ApiKey = ApiKey,
            Model = model,
            BaseUrl = new Uri("https://openrouter.ai/api/v1"),
        };
        options.Headers["HTTP-Referer"] = "https://example.org/app";
        options.Headers["X-Title"] = "MultiModel tests";
        return options;
    }

    private static OpenAICompatibleChatProvider CreateOpenRouter(HttpClient client, string model = "anthropic/claude-sonnet-4-5") =>
        new(client, Options(model));
}
