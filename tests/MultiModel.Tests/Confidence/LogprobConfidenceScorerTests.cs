using MultiModel.Confidence;
using static MultiModel.Tests.Confidence.ScorerTestData;

namespace MultiModel.Tests.Confidence;

[Parallelizable(ParallelScope.All)]
public class LogprobConfidenceScorerTests
{
    [Test]
    public async Task ScoreAsync_Logprobs_GivesTheGeometricMeanOfTheTokenProbabilities()
    {
        TokenLogprob[] logprobs = [new("2", Math.Log(0.9)), new(" +", Math.Log(0.5)), new(" 2", Math.Log(0.8))];

        var opinion = await new LogprobConfidenceScorer().ScoreAsync(Context("2 + 2", logprobs: logprobs), CancellationToken.None);

        Assert.That(opinion!.Value, Is.EqualTo(Math.Cbrt(0.9 * 0.5 * 0.8)).Within(1e-12));
        Assert.That(opinion.Source, Is.EqualTo("logprobs"));
        Assert.That(opinion.Reason, Does.Contain("3 token"));
    }

    [Test]
    public async Task ScoreAsync_AllTokensCertain_GivesOne()
    {
        var opinion = await new LogprobConfidenceScorer().ScoreAsync(Context("4", logprobs: [new("4", 0)]), CancellationToken.None);

        Assert.That(opinion!.Value, Is.EqualTo(1.0));
    }

    [Test]
    public async Task ScoreAsync_NegativeInfinityLogprob_GivesZero()
    {
        var opinion = await new LogprobConfidenceScorer().ScoreAsync(Context("4", logprobs: [new("4", double.NegativeInfinity), new(".", 0)]), CancellationToken.None);

        Assert.That(opinion!.Value, Is.EqualTo(0.0));
    }

    [Test]
    public async Task ScoreAsync_NoLogprobs_GivesNoOpinion()
    {
        var sut = new LogprobConfidenceScorer();

        Assert.That(await sut.ScoreAsync(Context("4"), CancellationToken.None), Is.Null);
        Assert.That(await sut.ScoreAsync(Context("4", logprobs: []), CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task ScoreAsync_PartialTextWithLogprobs_ScoresTheHead()
    {
        var opinion = await new LogprobConfidenceScorer().ScoreAsync(Context("The", logprobs: [new("The", Math.Log(0.25))], partial: true), CancellationToken.None);

        Assert.That(opinion!.Value, Is.EqualTo(0.25).Within(1e-12));
    }
}
