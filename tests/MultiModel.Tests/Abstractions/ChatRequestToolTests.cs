using System.Text.Json;
using MultiModel.Tests.TestSupport;

namespace MultiModel.Tests.Abstractions;

[Parallelizable(ParallelScope.All)]
public class ChatRequestToolTests
{
    private static ChatToolCall Call(string id, string name = "weather") => ChatToolCall.Parse(id, name, ToolTestData.BerlinArguments);

    private static IEnumerable<TestCaseData> InvalidToolRequests()
    {
        yield return new TestCaseData(
            new ChatRequest([ChatMessage.FromUser("hi"), ChatMessage.FromToolResult("call_9", "x")]),
            "refers to tool call 'call_9', which no earlier assistant message made").SetName("Validate_ToolResultWithoutCall_Throws");
        yield return new TestCaseData(
            new ChatRequest([ChatMessage.FromUser("hi"), ChatMessage.FromToolCalls([Call("a"), Call("b")])]),
            "Tool call(s) 'a', 'b' of message 1 have no result").SetName("Validate_UnansweredToolCalls_Throws");
        yield return new TestCaseData(
            new ChatRequest([ChatMessage.FromUser("hi"), ChatMessage.FromToolCalls([Call("a")]), ChatMessage.FromUser("well?"), ChatMessage.FromToolResult("a", "x")]),
            "have no result before message 2").SetName("Validate_ResultAfterAnotherMessage_Throws");
        yield return new TestCaseData(
            new ChatRequest([ChatMessage.FromUser("hi"), ChatMessage.FromToolCalls([Call("a")]), ChatMessage.FromToolResult("a", "x"), ChatMessage.FromToolResult("a", "y")]),
            "already answered").SetName("Validate_ResultAnsweredTwice_Throws");
        yield return new TestCaseData(
            new ChatRequest([ChatMessage.FromUser("hi"), ChatMessage.FromToolCalls([Call("a"), Call("a")]), ChatMessage.FromToolResult("a", "x")]),
            "appears more than once").SetName("Validate_DuplicateCallIds_Throws");
        var duplicateTools = new ChatRequest("hi");
        duplicateTools.Tools.Add(ToolTestData.Weather());
        duplicateTools.Tools.Add(ToolTestData.Weather());
        yield return new TestCaseData(duplicateTools, "Tool name 'weather' appears more than once").SetName("Validate_DuplicateToolNames_Throws");
        yield return new TestCaseData(new ChatRequest("hi") { ToolChoice = ChatToolChoice.Required }, "has no tools").SetName("Validate_RequiredWithoutTools_Throws");
        var unknownChoice = new ChatRequest("hi") { ToolChoice = ChatToolChoice.Specific("other") };
        unknownChoice.Tools.Add(ToolTestData.Weather());
        yield return new TestCaseData(unknownChoice, "names tool 'other', which is not among").SetName("Validate_SpecificToolNotDefined_Throws");
        var nullTool = new ChatRequest("hi");
        nullTool.Tools.Add(null!);
        yield return new TestCaseData(nullTool, "Tool 0 is null").SetName("Validate_NullTool_Throws");
    }

    [TestCaseSource(nameof(InvalidToolRequests))]
    public void Validate_InvalidToolTurns_ThrowsArgumentExceptionNamingTheProblem(ChatRequest request, string expectedMessagePart)
    {
        var ex = Assert.Throws<ArgumentException>(request.Validate);
        Assert.That(ex!.Message, Does.Contain(expectedMessagePart));
    }

    [Test]
    public void Validate_ParallelCallsAnsweredInAnyOrderWithEmptyAssistantText_DoesNotThrow()
    {
        var request = new ChatRequest([
            ChatMessage.FromUser("hi"),
            ChatMessage.FromToolCalls([Call("a"), Call("b", "best_language_to_learn")]),
            ChatMessage.FromToolResult("b", string.Empty),
            ChatMessage.FromToolResult("a", "failed", isError: true),
            ChatMessage.FromUser("thanks"),
        ]);

        Assert.DoesNotThrow(request.Validate);
    }

    [TestCase("")]
    [TestCase("has space")]
    [TestCase("dotted.name")]
    [TestCase("a123456789a123456789a123456789a123456789a123456789a123456789abcde")]
    public void ChatToolDefinition_InvalidName_Throws(string name)
    {
        var ex = Assert.Throws<ArgumentException>(() => _ = new ChatToolDefinition(name, null, ToolTestData.Json(ToolTestData.WeatherSchemaJson)));
        Assert.That(ex!.ParamName, Is.EqualTo("name"));
    }

    [TestCase("""{"type":"string"}""")]
    [TestCase("""{"properties":{}}""")]
    [TestCase("""[]""")]
    public void ChatToolDefinition_SchemaNotAnObjectSchema_Throws(string schema)
    {
        var ex = Assert.Throws<ArgumentException>(() => _ = new ChatToolDefinition("weather", null, ToolTestData.Json(schema)));
        Assert.That(ex!.ParamName, Is.EqualTo("parametersSchema"));
    }

    [TestCase("[1]")]
    [TestCase("\"text\"")]
    [TestCase("{\"unterminated\":")]
    public void ChatToolCall_ArgumentsNotOneObject_Throws(string arguments)
    {
        Assert.Throws<ArgumentException>(() => ChatToolCall.Parse("call_1", "weather", arguments));
    }

    [Test]
    public void ChatToolCall_EmptyArguments_AreAnEmptyObject()
    {
        var call = ChatToolCall.Parse("call_1", "best_language_to_learn", "");

        Assert.That(call.Arguments.ValueKind, Is.EqualTo(JsonValueKind.Object));
        Assert.That(call.ArgumentsJson, Is.EqualTo("{}"));
    }

    [Test]
    public void ChatMessage_ToolRoleThroughTheTextConstructor_Throws()
    {
        Assert.Throws<ArgumentException>(() => _ = new ChatMessage(ChatRole.Tool, "result"));
    }

    [Test]
    public void ResponseFormat_InvalidNameOrNonObjectSchema_Throws()
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentException>(() => ChatResponseFormat.ForJsonSchema(ToolTestData.Json("true")));
            Assert.Throws<ArgumentException>(() => ChatResponseFormat.ForJsonSchema(ToolTestData.Json(ToolTestData.PersonSchemaJson), "bad name"));
        });
    }

    [Test]
    public void Clone_CopiesToolsChoiceAndFormat_AndListsStayIndependent()
    {
        var original = ToolTestData.AfterToolRoundTrip();
        original.ToolChoice = ChatToolChoice.Specific("weather");
        original.ResponseFormat = ToolTestData.PersonFormat();

        var clone = original.Clone();
        clone.Tools.Add(ToolTestData.BestLanguage());

        Assert.Multiple(() =>
        {
            Assert.That(clone.ToolChoice, Is.SameAs(original.ToolChoice));
            Assert.That(clone.ResponseFormat, Is.SameAs(original.ResponseFormat));
            Assert.That(clone.Messages, Is.EqualTo(original.Messages));
            Assert.That(original.Tools.Select(t => t.Name), Is.EqualTo(new[] { "weather" }));
            Assert.That(clone.Tools.Select(t => t.Name), Is.EqualTo(new[] { "weather", "best_language_to_learn" }));
        });
    }

    [Test]
    public void ToAssistantMessage_ResponseWithToolCalls_CarriesTextAndCalls()
    {
        var response = new ChatResponse { Text = "Checking.", ProviderName = "p", ToolCalls = [Call("a")] };

        var message = response.ToAssistantMessage();

        Assert.Multiple(() =>
        {
            Assert.That(message.Role, Is.EqualTo(ChatRole.Assistant));
            Assert.That(message.Text, Is.EqualTo("Checking."));
            Assert.That(message.ToolCalls.Single().Id, Is.EqualTo("a"));
        });
    }
}
