using System.Net;
using System.Text.Json.Nodes;
using MultiModel.Confidence;
using MultiModel.Providers.Grok;
using MultiModel.Tests.Providers.ChatCompletions;
using MultiModel.Tests.Providers.Claude;
using MultiModel.Tests.TestSupport;

namespace MultiModel.Tests.Conformance;

/// <summary>Replays the recorded structured-output answers with a schema on the request and scores them with the default structural scorer.</summary>
[Parallelizable(ParallelScope.All)]
public class StructuredOutputConformanceTests
{
    private const string LooseSchema = """{"type":"object","properties":{"name":{"type":"string"},"age":{"type":"integer"}},"required":["name","age"]}""";
    private const string StricterSchema = """{"type":"object","properties":{"name":{"type":"string"},"age":{"type":"integer"},"email":{"type":"string"}},"required":["name","age","email"]}""";

    [TestCase(LooseSchema, 1.0)]
    [TestCase(StricterSchema, 0.0)]
    public async Task Claude_RecordedJsonSchemaAnswer_IsScoredAgainstTheRequestSchema(string schema, double expected)
    {
        var (body, _) = RecordedFixtures.Read("anthropic", "msg-structured-output-json-schema.json");
        using var harness = new ClaudeHarness();
        harness.Expect(HttpStatusCode.OK, body);
        var request = new ChatRequest("Generate a person named John who is 30 years old") { ResponseFormat = ChatResponseFormat.ForJsonSchema(ToolTestData.Json(schema)) };

        var response = await harness.Provider.GetResponseAsync(request);
        var opinion = await new StructuralConfidenceScorer().ScoreAsync(ConfidenceContext.FromResponse(request, response), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(JsonNode.Parse(response.Text)!["name"]!.GetValue<string>(), Is.EqualTo("John"));
            Assert.That(JsonNode.Parse(harness.Requests.Single().Body)!["output_config"]!["format"]!["schema"]!.ToJsonString(), Is.EqualTo(JsonNode.Parse(schema)!.ToJsonString()));
            Assert.That(opinion!.Value, Is.EqualTo(expected));
        });
    }

    [TestCase(LooseSchema, 1.0)]
    [TestCase(StricterSchema, 0.0)]
    public async Task Grok_RecordedJsonSchemaAnswer_IsScoredAgainstTheRequestSchema(string schema, double expected)
    {
        var (body, _) = RecordedFixtures.Read("xai", "chat-structured-output-json-schema.json");
        using var http = new ChatCompletionsHttp();
        var sent = http.Expect("https://api.x.ai/v1/chat/completions", System.Text.Encoding.UTF8.GetString(body));
        var provider = new GrokChatProvider(http.Client, new GrokProviderOptions { ApiKey = "xai-conformance-key" });
        var request = new ChatRequest("Generate a person named John who is 30 years old") { ResponseFormat = ChatResponseFormat.ForJsonSchema(ToolTestData.Json(schema), "person") };

        var response = await provider.GetResponseAsync(request);
        var opinion = await new StructuralConfidenceScorer().ScoreAsync(ConfidenceContext.FromResponse(request, response), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(JsonNode.Parse(response.Text)!["age"]!.GetValue<int>(), Is.EqualTo(30));
            Assert.That(JsonNode.Parse(sent.Body!)!["response_format"]!["json_schema"]!["strict"]!.GetValue<bool>(), Is.True);
            Assert.That(opinion!.Value, Is.EqualTo(expected));
        });
    }
}
