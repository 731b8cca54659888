using MultiModel.Confidence;
using MultiModel.Failover;
using MultiModel.Tests.Failover;
using static MultiModel.Tests.Confidence.ScorerTestData;

namespace MultiModel.Tests.Confidence;

[Parallelizable(ParallelScope.All)]
public class JudgeConfidenceScorerTests
{
    [Test]
    public async Task ScoreAsync_JudgeRates_GivesItsRatingWithUsage()
    {
        ChatRequest? asked = null;
        var usage = new ChatUsage { InputTokens = 120, OutputTokens = 2 };
        var judge = new TestChatProvider("judge")
        {
            GetResponseAsyncCallback = (request, _) =>
            {
                asked = request;
                return Task.FromResult(Some.Response("judge", "0.92", usage: usage));
            },
        };

        var opinion = await new JudgeConfidenceScorer(judge).ScoreAsync(Context("4"), CancellationToken.None);

        Assert.That(opinion!.Value, Is.EqualTo(0.92));
        Assert.That(opinion.Source, Is.EqualTo("judge:judge"));
        Assert.That(opinion.Usage, Is.SameAs(usage));
        Assert.That(opinion.Reason, Does.Contain("in=120 out=2"));
        Assert.That(asked!.Messages[0].Role, Is.EqualTo(ChatRole.System));
        Assert.That(asked.Messages[0].Text, Is.EqualTo(JudgeConfidenceScorer.DefaultInstructions));
        Assert.That(asked.Messages[1].Text, Is.EqualTo("CONVERSATION:\nuser: What is 2 + 2?\n\nANSWER:\n4"));
        Assert.That(asked.Temperature, Is.EqualTo(0));
        Assert.That(asked.MaxOutputTokens, Is.EqualTo(16));
    }

    [Test]
    public async Task ScoreAsync_JudgeReplyWithoutANumber_GivesZero()
    {
        var judge = TestChatProvider.Answering("judge", "Looks good to me!");

        var opinion = await new JudgeConfidenceScorer(judge).ScoreAsync(Context("4"), CancellationToken.None);

        Assert.That(opinion!.Value, Is.EqualTo(0.0));
        Assert.That(opinion.Reason, Does.Contain("no rating"));
        Assert.That(opinion.Usage, Is.Not.Null);
    }

    [Test]
    public async Task ScoreAsync_JudgeFails_GivesTheFailureConfidence()
    {
        var judge = TestChatProvider.Failing("judge", Some.HttpError("judge", 503));

        var strict = await new JudgeConfidenceScorer(judge).ScoreAsync(Context("4"), CancellationToken.None);
        var lenient = await new JudgeConfidenceScorer(judge) { FailureConfidence = 1 }.ScoreAsync(Context("4"), CancellationToken.None);

        Assert.That((strict!.Value, lenient!.Value), Is.EqualTo((0.0, 1.0)));
        Assert.That(strict.Reason, Does.Contain("judge failed"));
    }

    [Test]
    public async Task ScoreAsync_JudgeIsAFailingChain_GivesTheFailureConfidence()
    {
        var chain = new FailoverChatClient([TestChatProvider.Failing("j1", Some.HttpError("j1", 500))], new FailoverChatClientOptions { Name = "judges" });

        var opinion = await new JudgeConfidenceScorer(chain).ScoreAsync(Context("4"), CancellationToken.None);

        Assert.That(opinion!.Value, Is.EqualTo(0.0));
        Assert.That(opinion.Source, Is.EqualTo("judge:judges"));
    }

    [Test]
    public void ScoreAsync_CallerCancels_ThrowsCancellation()
    {
        var judge = TestChatProvider.Hanging("judge");
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.That(async () => await new JudgeConfidenceScorer(judge).ScoreAsync(Context("4"), cts.Token), Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task ScoreAsync_PartialText_GivesNoOpinionWithoutCallingTheJudge()
    {
        var judge = TestChatProvider.Answering("judge", "1");

        var opinion = await new JudgeConfidenceScorer(judge).ScoreAsync(Context("The", partial: true), CancellationToken.None);

        Assert.That(opinion, Is.Null);
        Assert.That(judge.CallCount, Is.Zero);
    }

    [Test]
    public async Task ScoreAsync_AnswerOfOnlyToolCalls_GivesNoOpinionWithoutCallingTheJudge()
    {
        var judge = TestChatProvider.Answering("judge", "0");
        var context = new ConfidenceContext
        {
            Request = new ChatRequest("Weather?"),
            Text = string.Empty,
            ProviderName = "grok",
            FinishReason = ChatFinishReason.ToolCalls,
            ToolCalls = [ChatToolCall.Parse("call_1", "weather", "{}")],
        };

        var opinion = await new JudgeConfidenceScorer(judge).ScoreAsync(context, CancellationToken.None);

        Assert.That(opinion, Is.Null);
        Assert.That(judge.CallCount, Is.Zero);
    }

    [Test]
    public async Task FailoverChatClient_WithJudge_RejectsALowRatedAnswerAndReportsTheJudgeUsage()
    {
        var ratings = new Queue<string>(["0.2", "0.95"]);
        var judge = new TestChatProvider("judge") { GetResponseAsyncCallback = (_, _) => Task.FromResult(Some.Response("judge", ratings.Dequeue())) };
        var options = new FailoverChatClientOptions();
        options.Confidence.Scorers.Add(new JudgeConfidenceScorer(judge));
        var sut = new FailoverChatClient([TestChatProvider.Answering("grok", "5"), TestChatProvider.Answering("claude", "4")], options);

        var response = await sut.GetResponseAsync(Some.Request());

        Assert.That(response.ProviderName, Is.EqualTo("claude"));
        Assert.That(response.Attempts[0].Confidence!.Value, Is.EqualTo(0.2));
        Assert.That(response.Confidence!.Opinions[^1].Usage, Is.Not.Null);
    }

    [Test]
    public void Properties_InvalidValues_Throw()
    {
        var sut = new JudgeConfidenceScorer(TestChatProvider.Answering("judge"));

        Assert.Throws<ArgumentException>(() => sut.Instructions = "");
        Assert.Throws<ArgumentOutOfRangeException>(() => sut.MaxOutputTokens = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => sut.FailureConfidence = 2);
        Assert.Throws<ArgumentNullException>(() => _ = new JudgeConfidenceScorer(null!));
    }
}
