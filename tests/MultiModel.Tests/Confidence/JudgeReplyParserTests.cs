using MultiModel.Confidence;

namespace MultiModel.Tests.Confidence;

[Parallelizable(ParallelScope.All)]
public class JudgeReplyParserTests
{
    [TestCase("0.8", 0.8)]
    [TestCase("  1 ", 1.0)]
    [TestCase("0", 0.0)]
    [TestCase(".75", 0.75)]
    [TestCase("0,6", 0.6)]
    [TestCase("Score: 0.9", 0.9)]
    [TestCase("80%", 0.8)]
    [TestCase("8/10", 0.8)]
    [TestCase("4 out of 5", 0.8)]
    [TestCase("2 + 2 = 4 is right; confidence 0.97", 0.97)]
    [TestCase("**0.85**", 0.85)]
    public void TryParse_ReadableReply_ReadsTheRating(string reply, double expected)
    {
        Assert.That(JudgeReplyParser.TryParse(reply, out var value), Is.True);
        Assert.That(value, Is.EqualTo(expected).Within(1e-12));
    }

    [TestCase("")]
    [TestCase("excellent")]
    [TestCase("7")]
    [TestCase("150%")]
    [TestCase("3/0")]
    public void TryParse_NoRating_ReturnsFalse(string reply)
    {
        Assert.That(JudgeReplyParser.TryParse(reply, out _), Is.False);
    }
}
