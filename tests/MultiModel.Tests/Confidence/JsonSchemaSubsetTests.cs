using MultiModel.Confidence;
using MultiModel.Tests.TestSupport;

namespace MultiModel.Tests.Confidence;

[Parallelizable(ParallelScope.All)]
public class JsonSchemaSubsetTests
{
    private const string OrderSchema = """
        {"type":"object","additionalProperties":false,"required":["id","status","items"],
         "properties":{
           "id":{"type":"integer"},
           "status":{"type":"string","enum":["open","shipped"]},
           "note":{"type":["string","null"]},
           "paid":{"type":"boolean"},
           "total":{"type":"number"},
           "items":{"type":"array","items":{"type":"object","required":["sku"],"properties":{"sku":{"type":"string"}}}},
           "meta":{"type":"object","additionalProperties":{"type":"string"}},
           "kind":{"const":"order"},
           "ref":{"anyOf":[{"type":"integer"},{"type":"string"}]}}}
        """;

    [TestCase("""{"id":1,"status":"open","items":[]}""")]
    [TestCase("""{"id":2.0,"status":"shipped","note":null,"paid":true,"total":9.5,"items":[{"sku":"a","extra":1}],"meta":{"k":"v"},"kind":"order","ref":"r-1"}""")]
    [TestCase("""  {"id":3,"status":"open","items":[],"ref":7}  """)]
    public void ValidateText_MatchingAnswer_ReturnsNull(string text)
    {
        Assert.That(JsonSchemaSubset.ValidateText(ToolTestData.Json(OrderSchema), text), Is.Null);
    }

    [TestCase("", "empty")]
    [TestCase("Here: {}", "not valid JSON")]
    [TestCase("[]", "$: expected object, got array")]
    [TestCase("""{"status":"open","items":[]}""", "required property 'id' is missing")]
    [TestCase("""{"id":1.5,"status":"open","items":[]}""", "$.id: expected integer, got number")]
    [TestCase("""{"id":1,"status":"lost","items":[]}""", "$.status: \"lost\" is not one of")]
    [TestCase("""{"id":1,"status":"open","items":[],"other":1}""", "property 'other' is not allowed")]
    [TestCase("""{"id":1,"status":"open","items":[{"sku":3}]}""", "$.items[0].sku: expected string, got integer")]
    [TestCase("""{"id":1,"status":"open","items":[{}]}""", "$.items[0]: required property 'sku' is missing")]
    [TestCase("""{"id":1,"status":"open","items":[],"note":5}""", "$.note: expected one of")]
    [TestCase("""{"id":1,"status":"open","items":[],"meta":{"k":1}}""", "$.meta.k: expected string")]
    [TestCase("""{"id":1,"status":"open","items":[],"kind":"invoice"}""", "$.kind: expected \"order\"")]
    [TestCase("""{"id":1,"status":"open","items":[],"ref":true}""", "$.ref: matches none of the anyOf schemas")]
    [TestCase("""{"id":1,"status":"open","items":[],"paid":"yes"}""", "$.paid: expected boolean, got string")]
    public void ValidateText_MismatchingAnswer_SaysWhere(string text, string expected)
    {
        Assert.That(JsonSchemaSubset.ValidateText(ToolTestData.Json(OrderSchema), text), Does.Contain(expected));
    }

    [Test]
    public void ValidateText_UnsupportedKeywords_AreIgnored()
    {
        var schema = ToolTestData.Json("""{"type":"string","pattern":"^x$","minLength":5,"$ref":"#/nope"}""");

        Assert.That(JsonSchemaSubset.ValidateText(schema, "\"y\""), Is.Null);
    }

    [Test]
    public async Task StructuralScorer_RequestWithSchema_ScoresMismatchZeroAndMatchOne()
    {
        var request = new ChatRequest("Person?") { ResponseFormat = ToolTestData.PersonFormat() };
        var scorer = new StructuralConfidenceScorer();

        var bad = await scorer.ScoreAsync(Context(request, """{"name":"John"}"""), CancellationToken.None);
        var good = await scorer.ScoreAsync(Context(request, """{"name":"John","age":30}"""), CancellationToken.None);
        scorer.ValidateResponseFormat = false;
        var notChecked = await scorer.ScoreAsync(Context(request, """{"name":"John"}"""), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(bad!.Value, Is.Zero);
            Assert.That(bad.Reason, Does.Contain("required property 'age' is missing"));
            Assert.That(good!.Value, Is.EqualTo(1));
            Assert.That(notChecked!.Value, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task StructuralScorer_EmptyTextWithToolCalls_IsNotAnEmptyAnswer()
    {
        var context = new ConfidenceContext
        {
            Request = new ChatRequest("hi"),
            Text = string.Empty,
            ProviderName = "p",
            FinishReason = ChatFinishReason.ToolCalls,
            ToolCalls = [ChatToolCall.Parse("c", "weather", "{}")],
        };

        var opinion = await new StructuralConfidenceScorer().ScoreAsync(context, CancellationToken.None);

        Assert.That(opinion!.Value, Is.EqualTo(1));
    }

    [Test]
    public async Task JsonSchemaValidator_ScoresAgainstItsOwnSchema_AndSkipsToolCallAnswers()
    {
        var sut = ValidatorConfidenceScorer.JsonSchema(ToolTestData.Json(ToolTestData.PersonSchemaJson));
        var request = new ChatRequest("hi");

        var pass = await sut.ScoreAsync(Context(request, """{"name":"Ann","age":4}"""), CancellationToken.None);
        var fail = await sut.ScoreAsync(Context(request, """{"name":"Ann","age":4,"x":0}"""), CancellationToken.None);
        var toolCalls = await sut.ScoreAsync(new ConfidenceContext { Request = request, Text = "", ProviderName = "p", ToolCalls = [ChatToolCall.Parse("c", "t", "{}")] }, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(pass!.Value, Is.EqualTo(1));
            Assert.That(pass.Source, Is.EqualTo("validator:json-schema"));
            Assert.That(fail!.Value, Is.Zero);
            Assert.That(toolCalls, Is.Null);
        });
    }

    private static ConfidenceContext Context(ChatRequest request, string text) => new()
    {
        Request = request,
        Text = text,
        ProviderName = "p",
        FinishReason = ChatFinishReason.Stop,
    };
}
