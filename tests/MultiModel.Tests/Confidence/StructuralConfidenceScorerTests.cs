using MultiModel.Confidence;
using static MultiModel.Tests.Confidence.ScorerTestData;

namespace MultiModel.Tests.Confidence;

[Parallelizable(ParallelScope.All)]
public class StructuralConfidenceScorerTests
{
    [TestCase(ChatFinishReason.Stop, "4", 1.0, "complete")]
    [TestCase(ChatFinishReason.Other, "4", 1.0, "complete")]
    [TestCase(ChatFinishReason.Length, "2 + 2 is", 0.3, "truncated by a token limit")]
    [TestCase(ChatFinishReason.ContentFilter, "I can't help with that.", 0.0, "refused or filtered")]
    [TestCase(ChatFinishReason.Stop, "   ", 0.0, "empty answer")]
    [TestCase(ChatFinishReason.Stop, "", 0.0, "empty answer")]
    public async Task ScoreAsync_WholeAnswer_ScoresByShape(ChatFinishReason finish, string text, double expected, string reason)
    {
        var opinion = await new StructuralConfidenceScorer().ScoreAsync(Context(text, finish), CancellationToken.None);

        Assert.That(opinion!.Value, Is.EqualTo(expected));
        Assert.That(opinion.Reason, Is.EqualTo(reason));
        Assert.That(opinion.Source, Is.EqualTo("structural"));
    }

    [Test]
    public async Task ScoreAsync_TruncatedWithCustomConfidence_UsesIt()
    {
        var sut = new StructuralConfidenceScorer { TruncatedConfidence = 0.6 };

        var opinion = await sut.ScoreAsync(Context("cut", ChatFinishReason.Length), CancellationToken.None);

        Assert.That(opinion!.Value, Is.EqualTo(0.6));
    }

    [Test]
    public async Task ScoreAsync_PartialText_GivesNoOpinion()
    {
        var opinion = await new StructuralConfidenceScorer().ScoreAsync(Context("The ans", partial: true), CancellationToken.None);

        Assert.That(opinion, Is.Null);
    }

    [TestCase(-0.1)]
    [TestCase(1.1)]
    [TestCase(double.NaN)]
    public void TruncatedConfidence_OutOfRange_Throws(double value)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new StructuralConfidenceScorer { TruncatedConfidence = value });
    }
}
