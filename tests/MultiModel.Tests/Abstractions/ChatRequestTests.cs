namespace MultiModel.Tests.Abstractions;

[Parallelizable(ParallelScope.All)]
public class ChatRequestTests
{
    private static IEnumerable<TestCaseData> InvalidRequests()
    {
        yield return new TestCaseData(new ChatRequest(), "no messages").SetName("Validate_NoMessages_Throws");
        yield return new TestCaseData(new ChatRequest([ChatMessage.FromUser("  ")]), "empty text").SetName("Validate_WhitespaceText_Throws");
        yield return new TestCaseData(new ChatRequest([ChatMessage.FromSystem("be brief")]), "only system messages").SetName("Validate_OnlySystem_Throws");
        yield return new TestCaseData(new ChatRequest("hi") { MaxOutputTokens = 0 }, "MaxOutputTokens must be positive").SetName("Validate_ZeroMaxTokens_Throws");
        yield return new TestCaseData(new ChatRequest("hi") { Temperature = -0.5 }, "Temperature must be a number of 0 or more").SetName("Validate_TemperatureNegative_Throws");
        yield return new TestCaseData(new ChatRequest("hi") { Temperature = double.NaN }, "Temperature").SetName("Validate_TemperatureNaN_Throws");
        yield return new TestCaseData(new ChatRequest("hi") { TopP = 0 }, "TopP must be greater than 0").SetName("Validate_TopPZero_Throws");
        yield return new TestCaseData(new ChatRequest("hi") { TopP = 1.01 }, "TopP").SetName("Validate_TopPAboveOne_Throws");
        yield return new TestCaseData(new ChatRequest("hi") { ModelId = " " }, "ModelId is empty").SetName("Validate_BlankModel_Throws");
        yield return new TestCaseData(new ChatRequest("hi") { TopLogprobs = 3 }, "requires IncludeLogprobs").SetName("Validate_TopLogprobsWithoutFlag_Throws");
        yield return new TestCaseData(new ChatRequest("hi") { IncludeLogprobs = true, TopLogprobs = 9 }, "TopLogprobs must be between 0 and 8").SetName("Validate_TopLogprobsTooMany_Throws");
        var emptyStop = new ChatRequest("hi");
        emptyStop.StopSequences.Add(string.Empty);
        yield return new TestCaseData(emptyStop, "Stop sequence 0 is null or empty").SetName("Validate_EmptyStopSequence_Throws");
        var manyStops = new ChatRequest("hi");
        for (var i = 0; i <= ChatRequest.MaxStopSequences; i++)
        {
            manyStops.StopSequences.Add("s" + i);
        }

        yield return new TestCaseData(manyStops, "At most 16 stop sequences").SetName("Validate_TooManyStopSequences_Throws");
        var nullMessage = new ChatRequest("hi");
        nullMessage.Messages.Add(null!);
        yield return new TestCaseData(nullMessage, "Message 1 is null").SetName("Validate_NullMessage_Throws");
    }

    [TestCaseSource(nameof(InvalidRequests))]
    public void Validate_InvalidRequest_ThrowsArgumentExceptionNamingTheProblem(ChatRequest request, string expectedMessagePart)
    {
        var ex = Assert.Throws<ArgumentException>(request.Validate);
        Assert.That(ex!.Message, Does.Contain(expectedMessagePart));
    }

    [Test]
    public void Validate_FullyPopulatedRequest_DoesNotThrow()
    {
        var request = new ChatRequest([ChatMessage.FromSystem("sys"), ChatMessage.FromUser("hi"), ChatMessage.FromAssistant("hello")])
        {
            ModelId = "m",
            MaxOutputTokens = 10,
            Temperature = 0,
            TopP = 1,
            IncludeLogprobs = true,
            TopLogprobs = 8,
        };
        request.StopSequences.Add("END");

        Assert.DoesNotThrow(request.Validate);
    }

    [Test]
    public void Validate_TemperatureAboveEveryProvidersRange_IsLeftToTheProviders()
    {
        // The upper bound differs between providers (Claude 0-1, chat completions 0-2): each provider's CheckRequest owns it.
        var request = new ChatRequest("hi") { Temperature = 5 };

        Assert.DoesNotThrow(request.Validate);
    }

    [Test]
    public void Clone_ChangingTheCopy_LeavesTheOriginalAlone()
    {
        var original = new ChatRequest("hi") { Temperature = 0.5 };
        original.StopSequences.Add("a");

        var copy = original.Clone();
        copy.Messages.Add(ChatMessage.FromUser("more"));
        copy.StopSequences.Add("b");
        copy.Temperature = 1;

        Assert.Multiple(() =>
        {
            Assert.That(original.Messages, Has.Count.EqualTo(1));
            Assert.That(original.StopSequences, Is.EqualTo(new[] { "a" }));
            Assert.That(original.Temperature, Is.EqualTo(0.5));
            Assert.That(copy.StopSequences, Is.EqualTo(new[] { "a", "b" }));
        });
    }

    [Test]
    public void ChatMessage_NullText_Throws() =>
        Assert.Throws<ArgumentNullException>(() => _ = new ChatMessage(ChatRole.User, null!));

    [Test]
    public void ChatMessage_UndefinedRole_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new ChatMessage((ChatRole)42, "x"));
}
