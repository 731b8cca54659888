using System.Net;

namespace MultiModel.Tests.Providers.Claude;

[Parallelizable(ParallelScope.All)]
public class ClaudeChatProviderWireTests
{
    private const string MinimalAnswer = """
        {"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929",
         "content":[{"type":"text","text":"Hi."}],"stop_reason":"end_turn","stop_sequence":null,
         "usage":{"input_tokens":5,"output_tokens":2}}
        """;

    private const string MinimalStream = """
        event: message_start
        data: {"type":"message_start","message":{"id":"msg_1","model":"claude-sonnet-4-5-20250929","content":[],"usage":{"input_tokens":5,"output_tokens":1}}}

        event: message_delta
        data: {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":2}}

        event: message_stop
        data: {"type":"message_stop"}


        """;

    [Test]
    public async Task GetResponseAsync_SimpleRequest_PostsUrlHeadersAndMinimalBody()
    {
        using var harness = new ClaudeHarness();
        harness.Expect(HttpStatusCode.OK, MinimalAnswer);

        await harness.Provider.GetResponseAsync(new ChatRequest("Hello"));

        harness.Http.VerifyNoOutstandingExpectation();
        var sent = harness.Requests.Single();
        Assert.Multiple(() =>
        {
            Assert.That(sent.Method, Is.EqualTo(HttpMethod.Post));
            Assert.That(sent.Uri, Is.EqualTo(new Uri(ClaudeHarness.MessagesUrl)));
            Assert.That(sent.Headers["x-api-key"], Is.EqualTo(ClaudeHarness.ApiKey));
            Assert.That(sent.Headers["anthropic-version"], Is.EqualTo("2023-06-01"));
            Assert.That(sent.Headers["accept"], Is.EqualTo("application/json"));
            Assert.That(sent.Headers.ContainsKey("authorization"), Is.False);
            Assert.That(sent.ContentType?.MediaType, Is.EqualTo("application/json"));
            Assert.That(sent.ContentType?.CharSet, Is.Null);
            Assert.That(sent.ContentType?.ToString(), Is.EqualTo("application/json"));
        });
        ClaudeHarness.AssertJsonEquals(sent.Body, """
            {"model":"claude-sonnet-4-5","max_tokens":4096,"messages":[{"role":"user","content":"Hello"}]}
            """);
    }

    [Test]
    public async Task GetStreamingResponseAsync_SimpleRequest_SendsStreamTrueAndAcceptsEventStream()
    {
        using var harness = new ClaudeHarness();
        harness.ExpectSse(MinimalStream);

        await ClaudeHarness.CollectAsync(harness.Provider.GetStreamingResponseAsync(new ChatRequest("Hello")));

        harness.Http.VerifyNoOutstandingExpectation();
        var sent = harness.Requests.Single();
        Assert.Multiple(() =>
        {
            Assert.That(sent.Uri, Is.EqualTo(new Uri(ClaudeHarness.MessagesUrl)));
            Assert.That(sent.Headers["x-api-key"], Is.EqualTo(ClaudeHarness.ApiKey));
            Assert.That(sent.Headers["anthropic-version"], Is.EqualTo("2023-06-01"));
            Assert.That(sent.Headers["accept"], Is.EqualTo("text/event-stream"));
            Assert.That(sent.ContentType?.ToString(), Is.EqualTo("application/json"));
        });
        ClaudeHarness.AssertJsonEquals(sent.Body, """
            {"model":"claude-sonnet-4-5","max_tokens":4096,"messages":[{"role":"user","content":"Hello"}],"stream":true}
            """);
    }

    [Test]
    public async Task GetResponseAsync_EverySetting_IsMappedOntoTheBody()
    {
        using var harness = new ClaudeHarness();
        harness.Expect(HttpStatusCode.OK, MinimalAnswer);
        var request = new ChatRequest(
        [
            ChatMessage.FromSystem("You answer tersely."),
            ChatMessage.FromUser("What is 2+2?"),
            ChatMessage.FromAssistant("4."),
            ChatMessage.FromSystem("Now answer in French."),
            ChatMessage.FromUser("And 3+3?"),
        ])
        {
            ModelId = "claude-haiku-4-5-20251001",
            MaxOutputTokens = 256,
            Temperature = 0.25,
            TopP = 0.9,
        };
        request.StopSequences.Add("\n\nHuman:");
        request.StopSequences.Add("END");

        await harness.Provider.GetResponseAsync(request);

        ClaudeHarness.AssertJsonEquals(harness.Requests.Single().Body, """
            {
              "model": "claude-haiku-4-5-20251001",
              "max_tokens": 256,
              "system": [
                {"type": "text", "text": "You answer tersely."},
                {"type": "text", "text": "Now answer in French."}
              ],
              "messages": [
                {"role": "user", "content": "What is 2+2?"},
                {"role": "assistant", "content": "4."},
                {"role": "user", "content": "And 3+3?"}
              ],
              "temperature": 0.25,
              "top_p": 0.9,
              "stop_sequences": ["\n\nHuman:", "END"]
            }
            """);
    }

    [Test]
    public async Task GetStreamingResponseAsync_EverySetting_IsMappedOntoTheBody()
    {
        using var harness = new ClaudeHarness();
        harness.ExpectSse(MinimalStream);
        var request = new ChatRequest([ChatMessage.FromSystem("Be brief."), ChatMessage.FromUser("Hi")])
        {
            ModelId = "claude-opus-4-5",
            Temperature = 1.0,
        };
        request.StopSequences.Add("STOP");

        await ClaudeHarness.CollectAsync(harness.Provider.GetStreamingResponseAsync(request));

        ClaudeHarness.AssertJsonEquals(harness.Requests.Single().Body, """
            {"model":"claude-opus-4-5","max_tokens":4096,"system":"Be brief.","messages":[{"role":"user","content":"Hi"}],
             "temperature":1.0,"stop_sequences":["STOP"],"stream":true}
            """);
    }

    [Test]
    public async Task GetResponseAsync_OneSystemMessage_SendsSystemAsString()
    {
        using var harness = new ClaudeHarness();
        harness.Expect(HttpStatusCode.OK, MinimalAnswer);

        await harness.Provider.GetResponseAsync(new ChatRequest([ChatMessage.FromUser("Hi"), ChatMessage.FromSystem("Be kind.")]));

        ClaudeHarness.AssertJsonEquals(harness.Requests.Single().Body, """
            {"model":"claude-sonnet-4-5","max_tokens":4096,"system":"Be kind.","messages":[{"role":"user","content":"Hi"}]}
            """);
    }

    [Test]
    public async Task GetResponseAsync_ConfiguredOptions_SetModelMaxTokensVersionAndName()
    {
        using var harness = new ClaudeHarness(o =>
        {
            o.Name = "claude-backup";
            o.Model = "claude-haiku-4-5";
            o.MaxOutputTokens = 1000;
            o.AnthropicVersion = "2024-10-22";
        });
        harness.Expect(HttpStatusCode.OK, MinimalAnswer);

        var response = await harness.Provider.GetResponseAsync(new ChatRequest("Hi"));

        var sent = harness.Requests.Single();
        Assert.Multiple(() =>
        {
            Assert.That(sent.Headers["anthropic-version"], Is.EqualTo("2024-10-22"));
            Assert.That(response.ProviderName, Is.EqualTo("claude-backup"));
            Assert.That(harness.Provider.Name, Is.EqualTo("claude-backup"));
        });
        ClaudeHarness.AssertJsonEquals(sent.Body, """
            {"model":"claude-haiku-4-5","max_tokens":1000,"messages":[{"role":"user","content":"Hi"}]}
            """);
    }

    [TestCase("https://api.anthropic.com", "https://api.anthropic.com/v1/messages")]
    [TestCase("https://api.anthropic.com/", "https://api.anthropic.com/v1/messages")]
    [TestCase("https://gateway.example/anthropic", "https://gateway.example/anthropic/v1/messages")]
    [TestCase("https://gateway.example/anthropic/", "https://gateway.example/anthropic/v1/messages")]
    [TestCase("http://127.0.0.1:8080", "http://127.0.0.1:8080/v1/messages")]
    public async Task GetResponseAsync_BaseUrlWithOrWithoutSlashOrPath_PostsToMessages(string baseUrl, string expected)
    {
        using var harness = new ClaudeHarness(o => o.BaseUrl = new Uri(baseUrl));
        harness.Expect(HttpStatusCode.OK, MinimalAnswer, url: expected);

        await harness.Provider.GetResponseAsync(new ChatRequest("Hi"));

        harness.Http.VerifyNoOutstandingExpectation();
        Assert.That(harness.Requests.Single().Uri, Is.EqualTo(new Uri(expected)));
    }

    [Test]
    public async Task GetResponseAsync_IncludeLogprobs_IsAcceptedNotSentAndAnswersWithoutLogprobs()
    {
        using var harness = new ClaudeHarness();
        harness.Expect(HttpStatusCode.OK, MinimalAnswer);

        var response = await harness.Provider.GetResponseAsync(new ChatRequest("Hi") { IncludeLogprobs = true, TopLogprobs = 3 });

        Assert.That(response.Logprobs, Is.Null);
        ClaudeHarness.AssertJsonEquals(harness.Requests.Single().Body, """
            {"model":"claude-sonnet-4-5","max_tokens":4096,"messages":[{"role":"user","content":"Hi"}]}
            """);
    }

    [Test]
    public async Task GetResponseAsync_OptionsChangedAfterConstruction_KeepsTheSnapshot()
    {
        using var harness = new ClaudeHarness();
        harness.Options.ApiKey = "sk-ant-changed";
        harness.Options.Model = "claude-changed";
        harness.Options.Name = "changed";
        harness.Options.BaseUrl = new Uri("https://changed.example");
        harness.Expect(HttpStatusCode.OK, MinimalAnswer);

        var response = await harness.Provider.GetResponseAsync(new ChatRequest("Hi"));

        var sent = harness.Requests.Single();
        Assert.Multiple(() =>
        {
            Assert.That(sent.Uri, Is.EqualTo(new Uri(ClaudeHarness.MessagesUrl)));
            Assert.That(sent.Headers["x-api-key"], Is.EqualTo(ClaudeHarness.ApiKey));
            Assert.That(response.ProviderName, Is.EqualTo("claude"));
            Assert.That(harness.Provider.Metadata.DefaultModelId, Is.EqualTo("claude-sonnet-4-5"));
        });
        ClaudeHarness.AssertJsonEquals(sent.Body, """
            {"model":"claude-sonnet-4-5","max_tokens":4096,"messages":[{"role":"user","content":"Hi"}]}
            """);
    }

    [Test]
    public async Task GetResponseAsync_Request_IsNotModified()
    {
        using var harness = new ClaudeHarness();
        harness.Expect(HttpStatusCode.OK, MinimalAnswer);
        var request = new ChatRequest([ChatMessage.FromSystem("S"), ChatMessage.FromUser("U")]);

        await harness.Provider.GetResponseAsync(request);

        Assert.Multiple(() =>
        {
            Assert.That(request.Messages.Select(m => m.Role), Is.EqualTo(new[] { ChatRole.System, ChatRole.User }));
            Assert.That(request.ModelId, Is.Null);
            Assert.That(request.MaxOutputTokens, Is.Null);
        });
    }

    [Test]
    public void Metadata_Always_DescribesAnthropicEndpointAndModel()
    {
        using var harness = new ClaudeHarness(o =>
        {
            o.BaseUrl = new Uri("https://gateway.example/anthropic");
            o.Model = "claude-opus-4-5";
        });

        var metadata = ((IChatProvider)harness.Provider).Metadata;

        Assert.Multiple(() =>
        {
            Assert.That(metadata.ProviderSystem, Is.EqualTo("anthropic"));
            Assert.That(metadata.Endpoint, Is.EqualTo(new Uri("https://gateway.example/anthropic")));
            Assert.That(metadata.DefaultModelId, Is.EqualTo("claude-opus-4-5"));
        });
    }
}
