using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using MultiModel.Failover;
using MultiModel.Interop;
using MultiModel.Tests.Failover;
using MultiModel.Tests.Providers.ChatCompletions;
using MultiModel.Tests.Providers.Claude;
using MultiModel.Tests.TestSupport;
using static MultiModel.Tests.Providers.Grok.GrokTestData;
using AI = Microsoft.Extensions.AI;

namespace MultiModel.Tests.Interop;

[Parallelizable(ParallelScope.All)]
public class AsChatClientTests
{
    private const string ToolUseAnswer = """
        {"id":"msg_1","type":"message","model":"claude-haiku-4-5","content":[
          {"type":"tool_use","id":"toolu_W","name":"weather","input":{"latitude":"52.5200","longitude":"13.4050"}}],
         "stop_reason":"tool_use","usage":{"input_tokens":633,"cache_read_input_tokens":7,"output_tokens":75}}
        """;

    private const string FinalAnswer = """
        {"id":"msg_2","type":"message","model":"claude-haiku-4-5","content":[{"type":"text","text":"It is 15 C in Berlin."}],
         "stop_reason":"end_turn","usage":{"input_tokens":748,"output_tokens":55}}
        """;

    [Test]
    public async Task GetResponseAsync_ToolLoopWrittenAgainstIChatClientOnly_RunsTheToolAndGetsTheAnswer()
    {
        using var claude = new ClaudeHarness();
        claude.Expect(HttpStatusCode.OK, ToolUseAnswer);
        claude.Expect(HttpStatusCode.OK, FinalAnswer);
        IChatClient client = claude.Provider.AsChatClient();

        var (answer, toolRuns) = await RunToolLoopAsync(client, "Weather in Berlin?");

        claude.Http.VerifyNoOutstandingExpectation();
        var second = JsonNode.Parse(claude.Requests[1].Body)!;
        Assert.Multiple(() =>
        {
            Assert.That(answer.Text, Is.EqualTo("It is 15 C in Berlin."));
            Assert.That(answer.FinishReason, Is.EqualTo(AI.ChatFinishReason.Stop));
            Assert.That(toolRuns, Is.EqualTo(new[] { "weather(52.5200,13.4050)" }));
            Assert.That(JsonNode.Parse(claude.Requests[0].Body)!["tools"]![0]!["name"]!.GetValue<string>(), Is.EqualTo("weather"));
            Assert.That(second["messages"]![1]!["content"]![0]!["type"]!.GetValue<string>(), Is.EqualTo("tool_use"));
            Assert.That(second["messages"]![2]!["content"]![0]!["tool_use_id"]!.GetValue<string>(), Is.EqualTo("toolu_W"));
            Assert.That(second["messages"]![2]!["content"]![0]!["content"]!.GetValue<string>(), Is.EqualTo("15 C, light wind"));
        });
    }

    [Test]
    public async Task GetResponseAsync_ToolCallAnswer_MapsCallsUsageFinishReasonAndRawAnswer()
    {
        using var claude = new ClaudeHarness();
        claude.Expect(HttpStatusCode.OK, ToolUseAnswer);

        var response = await claude.Provider.AsChatClient().GetResponseAsync([new AI.ChatMessage(AI.ChatRole.User, "Weather?")]);

        var call = response.Messages.Single().Contents.OfType<FunctionCallContent>().Single();
        Assert.Multiple(() =>
        {
            Assert.That(response.FinishReason, Is.EqualTo(AI.ChatFinishReason.ToolCalls));
            Assert.That(response.ResponseId, Is.EqualTo("msg_1"));
            Assert.That(response.ModelId, Is.EqualTo("claude-haiku-4-5"));
            Assert.That((call.CallId, call.Name), Is.EqualTo(("toolu_W", "weather")));
            Assert.That(((JsonElement)call.Arguments!["latitude"]!).GetString(), Is.EqualTo("52.5200"));
            Assert.That(response.Usage!.InputTokenCount, Is.EqualTo(640));
            Assert.That(response.Usage.OutputTokenCount, Is.EqualTo(75));
            Assert.That(response.Usage.CachedInputTokenCount, Is.EqualTo(7));
            Assert.That(response.RawRepresentation, Is.InstanceOf<MultiModel.ChatResponse>());
        });
    }

    [Test]
    public async Task GetResponseAsync_Options_AreMappedOntoTheRequest()
    {
        using var http = new ChatCompletionsHttp();
        var sent = http.Expect(Url, Completion("""{"role":"assistant","content":"{\"name\":\"A\",\"age\":1}"}"""));
        var options = new ChatOptions
        {
            Instructions = "Be terse.",
            ModelId = "grok-3", // a model that reasons would refuse stop sequences
            MaxOutputTokens = 100,
            Temperature = 0.5f,
            TopP = 0.25f,
            StopSequences = ["END"],
            Tools = [AIFunctionFactory.CreateDeclaration("weather", "Gets weather.", ToolTestData.Json(ToolTestData.WeatherSchemaJson))],
            ToolMode = ChatToolMode.RequireSpecific("weather"),
            ResponseFormat = AI.ChatResponseFormat.ForJsonSchema(ToolTestData.Json(ToolTestData.PersonSchemaJson), "person"),
        };

        await CreateProvider(http.Client).AsChatClient().GetResponseAsync([new AI.ChatMessage(AI.ChatRole.User, "Hi")], options);

        ChatCompletionsHttp.AssertJsonEqual(sent.Body, """
            {"model":"grok-3","max_completion_tokens":100,"temperature":0.5,"top_p":0.25,"stop":["END"],
             "messages":[{"role":"system","content":"Be terse."},{"role":"user","content":"Hi"}],
             "tools":[{"type":"function","function":{"name":"weather","description":"Gets weather.","parameters":WEATHER}}],
             "tool_choice":{"type":"function","function":{"name":"weather"}},
             "response_format":{"type":"json_schema","json_schema":{"name":"person","schema":PERSON,"strict":true}}}
            """.Replace("WEATHER", ToolTestData.WeatherSchemaJson, StringComparison.Ordinal).Replace("PERSON", ToolTestData.PersonSchemaJson, StringComparison.Ordinal));
    }

    [Test]
    public async Task GetStreamingResponseAsync_ClaudeToolUseStream_YieldsFunctionCallContentAndUsage()
    {
        using var claude = new ClaudeHarness();
        claude.ExpectSse("""
            event: message_start
            data: {"type":"message_start","message":{"id":"msg_S","model":"claude-haiku-4-5","content":[],"usage":{"input_tokens":30}}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Checking."}}

            event: content_block_start
            data: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_S","name":"weather","input":{}}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"latitude\":\"1\"}"}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":1}

            event: message_delta
            data: {"type":"message_delta","delta":{"stop_reason":"tool_use"},"usage":{"output_tokens":20}}

            event: message_stop
            data: {"type":"message_stop"}


            """);
        var updates = new List<AI.ChatResponseUpdate>();

        await foreach (var update in claude.Provider.AsChatClient().GetStreamingResponseAsync([new AI.ChatMessage(AI.ChatRole.User, "Weather?")]))
        {
            updates.Add(update);
        }

        var response = updates.ToChatResponse();
        var call = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Single();
        Assert.Multiple(() =>
        {
            Assert.That(response.Text, Is.EqualTo("Checking."));
            Assert.That(call.CallId, Is.EqualTo("toolu_S"));
            Assert.That(response.FinishReason, Is.EqualTo(AI.ChatFinishReason.ToolCalls));
            Assert.That(response.Usage!.InputTokenCount, Is.EqualTo(30));
            Assert.That(response.Usage.OutputTokenCount, Is.EqualTo(20));
            Assert.That(updates.All(u => u.RawRepresentation is MultiModel.ChatResponseUpdate), Is.True);
        });
    }

    [Test]
    public void GetService_Provider_ReturnsMetadataAndTheProviderButNothingForKeys()
    {
        using var claude = new ClaudeHarness();
        var client = claude.Provider.AsChatClient();

        var metadata = client.GetService<ChatClientMetadata>();

        Assert.Multiple(() =>
        {
            Assert.That(metadata!.ProviderName, Is.EqualTo("anthropic"));
            Assert.That(metadata.ProviderUri, Is.EqualTo(new Uri("https://api.anthropic.com")));
            Assert.That(metadata.DefaultModelId, Is.EqualTo("claude-sonnet-4-5"));
            Assert.That(client.GetService<IChatProvider>(), Is.SameAs(claude.Provider));
            Assert.That(client.GetService(typeof(IChatProvider), "key"), Is.Null);
            Assert.That(client.GetService<IChatClient>(), Is.SameAs(client));
            Assert.That(client.GetService<FailoverChatClient>(), Is.Null);
        });
    }

    [Test]
    public async Task GetResponseAsync_FailoverChain_ReturnsTheChainsAnswerWithAttempts()
    {
        var chain = new FailoverChatClient([TestChatProvider.Failing("a", Some.HttpError("a", 503)), TestChatProvider.Answering("b", "from b")]);
        var client = chain.AsChatClient();

        var response = await client.GetResponseAsync([new AI.ChatMessage(AI.ChatRole.User, "Hi")]);

        var raw = (MultiModel.ChatResponse)response.RawRepresentation!;
        Assert.Multiple(() =>
        {
            Assert.That(response.Text, Is.EqualTo("from b"));
            Assert.That(raw.Attempts.Select(a => a.ProviderName), Is.EqualTo(new[] { "a", "b" }));
            Assert.That(client.GetService<FailoverChatClient>(), Is.SameAs(chain));
        });
    }

    [Test]
    public void GetResponseAsync_AudioContentOrHostedTool_ThrowsNotSupportedBeforeAnyCall()
    {
        var provider = TestChatProvider.Answering("p");
        var client = provider.AsChatClient();
        var audio = new AI.ChatMessage(AI.ChatRole.User, [new DataContent(new byte[] { 1, 2 }, "audio/wav")]);

        Assert.Multiple(() =>
        {
            Assert.ThrowsAsync<NotSupportedException>(() => client.GetResponseAsync([audio]));
            Assert.ThrowsAsync<NotSupportedException>(() => client.GetResponseAsync([new AI.ChatMessage(AI.ChatRole.User, "hi")], new ChatOptions { Tools = [new HostedWebSearchTool()] }));
            Assert.That(provider.CallCount, Is.Zero);
        });
    }

    /// <summary>A consumer that knows only IChatClient: it offers one tool, runs the calls the model asks for, and asks again.</summary>
    private static async Task<(AI.ChatResponse Answer, List<string> ToolRuns)> RunToolLoopAsync(IChatClient client, string question)
    {
        var options = new ChatOptions { Tools = [AIFunctionFactory.CreateDeclaration("weather", "Gets the weather.", ToolTestData.Json(ToolTestData.WeatherSchemaJson))] };
        List<AI.ChatMessage> history = [new(AI.ChatRole.User, question)];
        var runs = new List<string>();
        for (var turn = 0; turn < 4; turn++)
        {
            var response = await client.GetResponseAsync(history, options);
            history.AddMessages(response);
            var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
            if (calls.Count == 0)
            {
                return (response, runs);
            }

            foreach (var call in calls)
            {
                runs.Add($"{call.Name}({call.Arguments!["latitude"]},{call.Arguments["longitude"]})");
                history.Add(new AI.ChatMessage(AI.ChatRole.Tool, [new FunctionResultContent(call.CallId, "15 C, light wind")]));
            }
        }

        throw new AssertionException("The tool loop did not end.");
    }
}
