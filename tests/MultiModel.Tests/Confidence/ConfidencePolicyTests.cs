using MultiModel.Confidence;
using static MultiModel.Tests.Confidence.ScorerTestData;

namespace MultiModel.Tests.Confidence;

[Parallelizable(ParallelScope.All)]
public class ConfidencePolicyTests
{
    [Test]
    public async Task ScoreAsync_SeveralOpinions_CombinesThemByTheirMinimum()
    {
        var policy = new ConfidencePolicy { Threshold = 0.5 };
        policy.Scorers.Add(new Fixed("a", 0.9));
        policy.Scorers.Add(new Fixed("b", 0.6));
        policy.Scorers.Add(new Fixed("c", null));

        var score = await policy.ScoreAsync(Context("4"));

        Assert.That(score.Value, Is.EqualTo(0.6));
        Assert.That(score.Threshold, Is.EqualTo(0.5));
        Assert.That(score.MeetsThreshold, Is.True);
        Assert.That(score.Opinions.Select(o => o.Source), Is.EqualTo(new[] { "structural", "a", "b" }));
    }

    [Test]
    public async Task ScoreAsync_BelowThreshold_SkipsTheRemainingScorers()
    {
        var expensive = new Fixed("judge", 1);
        var policy = new ConfidencePolicy();
        policy.Scorers.Add(new Fixed("validator", 0));
        policy.Scorers.Add(expensive);

        var score = await policy.ScoreAsync(Context("4"));

        Assert.That(score.Value, Is.EqualTo(0.0));
        Assert.That(expensive.Calls, Is.Zero);
    }

    [Test]
    public async Task ScoreAsync_NoOpinionAtAll_GivesOne()
    {
        var score = await new ConfidencePolicy().ScoreAsync(Context("The", partial: true));

        Assert.That(score.Value, Is.EqualTo(1.0));
        Assert.That(score.Opinions, Is.Empty);
    }

    [Test]
    public async Task ScoreAsync_DefaultPolicy_AcceptsANormalAnswerAndRejectsATruncatedOne()
    {
        var policy = new ConfidencePolicy();

        var normal = await policy.ScoreAsync(Context("4"));
        var truncated = await policy.ScoreAsync(Context("4", ChatFinishReason.Length));

        Assert.That(policy.Threshold, Is.EqualTo(0.85));
        Assert.That((normal.MeetsThreshold, truncated.MeetsThreshold), Is.EqualTo((true, false)));
    }

    [Test]
    public async Task ScoreAsync_ExactlyAtThreshold_Meets()
    {
        var policy = new ConfidencePolicy { Threshold = 0.85 };
        policy.Scorers.Add(new Fixed("a", 0.85));

        var score = await policy.ScoreAsync(Context("4"));

        Assert.That(score.MeetsThreshold, Is.True);
    }

    [Test]
    public void Clone_ChangingTheCopy_LeavesTheOriginalAlone()
    {
        var policy = new ConfidencePolicy { Threshold = 0.7 };
        policy.Scorers.Add(new Fixed("a", 1));

        var clone = policy.Clone();
        clone.Scorers.Clear();
        clone.Threshold = 0.1;

        Assert.That((policy.Threshold, policy.Scorers.Count, clone.Structural), Is.EqualTo((0.7, 1, policy.Structural)));
    }

    [Test]
    public void Properties_InvalidValues_Throw()
    {
        var policy = new ConfidencePolicy();

        Assert.Throws<ArgumentOutOfRangeException>(() => policy.Threshold = 1.5);
        Assert.Throws<ArgumentOutOfRangeException>(() => policy.Threshold = double.NaN);
        Assert.Throws<ArgumentNullException>(() => policy.Structural = null!);
        policy.Scorers.Add(null!);
        Assert.Throws<InvalidOperationException>(() => policy.Clone());
    }

    private sealed class Fixed(string source, double? value) : IConfidenceScorer
    {
        private int _calls;

        public int Calls => _calls;

        public ValueTask<ConfidenceOpinion?> ScoreAsync(ConfidenceContext context, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            return ValueTask.FromResult(value is { } v ? new ConfidenceOpinion(source, v) : null);
        }
    }
}
