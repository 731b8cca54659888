using MultiModel.Tests.TestSupport;

namespace MultiModel.Tests.Abstractions;

[Parallelizable(ParallelScope.All)]
public class ChatRequestRichTests
{
    [Test]
    public void Validate_UserMessageWithOnlyAnImage_IsValid()
    {
        var request = new ChatRequest([ChatMessage.FromUser(TestMedia.PlotImage())]);

        Assert.That(request.Validate, Throws.Nothing);
    }

    [Test]
    public void Validate_AssistantMessageWithOnlyReasoning_IsEmpty()
    {
        var request = new ChatRequest([ChatMessage.FromUser("Hi"), ChatMessage.FromAssistant([ChatContentPart.FromReasoning("hmm", "sig")])]);

        Assert.That(request.Validate, Throws.ArgumentException.With.Message.Contains("Message 1 (Assistant) has empty text"));
    }

    [Test]
    public void Validate_FourBreakpointsWithTools_IsValid()
    {
        var request = new ChatRequest(
        [
            ChatMessage.FromSystem("Rules").WithCacheBreakpoint(),
            ChatMessage.FromUser("Manual").WithCacheBreakpoint(),
            ChatMessage.FromAssistant("Read.").WithCacheBreakpoint(),
            ChatMessage.FromUser("Question"),
        ])
        { CacheTools = true };

        Assert.That(request.Validate, Throws.Nothing);
    }

    [Test]
    public void Validate_FiveBreakpoints_Throws()
    {
        var request = new ChatRequest(Enumerable.Range(0, 5).Select(i => ChatMessage.FromUser($"part {i}").WithCacheBreakpoint()));

        Assert.That(request.Validate, Throws.ArgumentException.With.Message.Contains("At most 4 cache breakpoints").And.Message.Contains("got 5"));
    }

    [Test]
    public void Validate_ReasoningWithoutEffortOrBudget_Throws()
    {
        var request = new ChatRequest("Hi") { Reasoning = new ChatReasoningOptions() };

        Assert.That(request.Validate, Throws.ArgumentException.With.Message.Contains("Effort, a BudgetTokens"));
    }

    [TestCase(0)]
    [TestCase(-5)]
    public void Validate_NonPositiveBudget_Throws(int budget)
    {
        var request = new ChatRequest("Hi") { Reasoning = new ChatReasoningOptions { BudgetTokens = budget } };

        Assert.That(request.Validate, Throws.ArgumentException.With.Message.Contains("BudgetTokens must be positive"));
    }

    [Test]
    public void Validate_UndefinedEffort_Throws()
    {
        var request = new ChatRequest("Hi") { Reasoning = new ChatReasoningOptions { Effort = (ChatReasoningEffort)7 } };

        Assert.That(request.Validate, Throws.ArgumentException.With.Message.Contains("not a defined effort"));
    }

    [Test]
    public void Clone_CopiesReasoningAndCacheTools()
    {
        var reasoning = new ChatReasoningOptions { Effort = ChatReasoningEffort.High };
        var request = new ChatRequest("Hi") { Reasoning = reasoning, CacheTools = true };

        var clone = request.Clone();

        Assert.Multiple(() =>
        {
            Assert.That(clone.Reasoning, Is.SameAs(reasoning));
            Assert.That(clone.CacheTools, Is.True);
        });
    }

    [TestCase(ChatReasoningEffort.Low, 1024)]
    [TestCase(ChatReasoningEffort.Medium, 4096)]
    [TestCase(ChatReasoningEffort.High, 16384)]
    public void ReasoningOptions_EffortOnly_BudgetFromEffortAndBack(ChatReasoningEffort effort, int budget)
    {
        var options = new ChatReasoningOptions { Effort = effort };

        Assert.Multiple(() =>
        {
            Assert.That(options.ResolvedBudgetTokens, Is.EqualTo(budget));
            Assert.That(new ChatReasoningOptions { BudgetTokens = budget }.ResolvedEffort, Is.EqualTo(effort));
        });
    }

    [TestCase(1024, ChatReasoningEffort.Low)]
    [TestCase(4095, ChatReasoningEffort.Low)]
    [TestCase(4096, ChatReasoningEffort.Medium)]
    [TestCase(16383, ChatReasoningEffort.Medium)]
    [TestCase(50000, ChatReasoningEffort.High)]
    public void ReasoningOptions_BudgetOnly_EffortFromBudget(int budget, ChatReasoningEffort effort)
    {
        Assert.That(new ChatReasoningOptions { BudgetTokens = budget }.ResolvedEffort, Is.EqualTo(effort));
    }

    [Test]
    public void ReasoningOptions_Both_EachProviderGetsWhatWasSet()
    {
        var options = new ChatReasoningOptions { Effort = ChatReasoningEffort.Low, BudgetTokens = 30000 };

        Assert.Multiple(() =>
        {
            Assert.That(options.ResolvedEffort, Is.EqualTo(ChatReasoningEffort.Low));
            Assert.That(options.ResolvedBudgetTokens, Is.EqualTo(30000));
        });
    }
}
