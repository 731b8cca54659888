using System.Text.RegularExpressions;
using MultiModel.Confidence;
using static MultiModel.Tests.Confidence.ScorerTestData;

namespace MultiModel.Tests.Confidence;

[Parallelizable(ParallelScope.All)]
public class ValidatorConfidenceScorerTests
{
    [TestCase("""{"sum": 4}""", 1.0)]
    [TestCase("""  [1, 2, 3]  """, 1.0)]
    [TestCase("4", 1.0)]
    [TestCase("""{"sum": 4""", 0.0)]
    [TestCase("Here is the JSON: {}", 0.0)]
    [TestCase("", 0.0)]
    public async Task Json_ScoresWhetherTheWholeAnswerParses(string text, double expected)
    {
        var opinion = await ValidatorConfidenceScorer.Json().ScoreAsync(Context(text), CancellationToken.None);

        Assert.That(opinion!.Value, Is.EqualTo(expected));
        Assert.That(opinion.Source, Is.EqualTo("validator:json"));
    }

    [Test]
    public async Task Json_PartialText_GivesNoOpinion()
    {
        var opinion = await ValidatorConfidenceScorer.Json().ScoreAsync(Context("{\"su", partial: true), CancellationToken.None);

        Assert.That(opinion, Is.Null);
    }

    [TestCase("Answer: 4", 1.0)]
    [TestCase("I think it is four", 0.0)]
    public async Task Regex_ScoresWhetherTheAnswerMatches(string text, double expected)
    {
        var sut = ValidatorConfidenceScorer.Regex(new Regex(@"^Answer: \d+$", RegexOptions.None, TimeSpan.FromSeconds(1)));

        var opinion = await sut.ScoreAsync(Context(text), CancellationToken.None);

        Assert.That(opinion!.Value, Is.EqualTo(expected));
        Assert.That(opinion.Source, Is.EqualTo("validator:regex"));
    }

    [Test]
    public async Task Regex_AppliesToPartialText_JudgesTheHead()
    {
        var sut = ValidatorConfidenceScorer.Regex(new Regex(@"^\{", RegexOptions.None, TimeSpan.FromSeconds(1)), appliesToPartialText: true);

        var opinion = await sut.ScoreAsync(Context("Sure", partial: true), CancellationToken.None);

        Assert.That(opinion!.Value, Is.EqualTo(0.0));
    }

    [Test]
    public async Task Delegate_ScoresByThePredicate()
    {
        var sut = new ValidatorConfidenceScorer("short", text => text.Length <= 5);

        var pass = await sut.ScoreAsync(Context("4"), CancellationToken.None);
        var fail = await sut.ScoreAsync(Context("a long answer"), CancellationToken.None);

        Assert.That((pass!.Value, pass.Reason, fail!.Value, fail.Reason), Is.EqualTo((1.0, "passed", 0.0, "failed")));
        Assert.That(sut.Source, Is.EqualTo("validator:short"));
    }

    [Test]
    public void Constructor_InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentException>(() => _ = new ValidatorConfidenceScorer(" ", _ => true));
        Assert.Throws<ArgumentNullException>(() => _ = new ValidatorConfidenceScorer("x", null!));
        Assert.Throws<ArgumentNullException>(() => ValidatorConfidenceScorer.Regex(null!));
    }
}
