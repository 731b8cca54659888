using System.Net.Http.Headers;
using MultiModel.Internal;

namespace MultiModel.Tests.Internal;

[Parallelizable(ParallelScope.All)]
public class RetryAfterParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    private static HttpResponseHeaders Headers(params (string Name, string Value)[] values)
    {
        using var response = new HttpResponseMessage();
        foreach (var (name, value) in values)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response.Headers;
    }

    [TestCase("retry-after", "7", 7000)]
    [TestCase("retry-after", "1.5", 1500)]
    [TestCase("retry-after-ms", "250", 250)]
    public void Parse_DelayHeader_ReturnsDelay(string name, string value, double expectedMs) =>
        Assert.That(RetryAfterParser.Parse(Headers((name, value)), Now), Is.EqualTo(TimeSpan.FromMilliseconds(expectedMs)));

    [Test]
    public void Parse_BothHeaders_PrefersMilliseconds() =>
        Assert.That(RetryAfterParser.Parse(Headers(("retry-after", "30"), ("retry-after-ms", "120")), Now), Is.EqualTo(TimeSpan.FromMilliseconds(120)));

    [Test]
    public void Parse_HttpDate_ReturnsDelayFromNow() =>
        Assert.That(RetryAfterParser.Parse(Headers(("retry-after", "Sat, 21 Nov 2026 12:00:42 GMT")), Now), Is.EqualTo(TimeSpan.FromSeconds(42)));

    [TestCase("retry-after-ms", "1e16")]
    [TestCase("retry-after-ms", "Infinity")]
    [TestCase("retry-after", "1e300")]
    public void Parse_DelayBeyondTimeSpan_IsTheLongestDelay(string name, string value) =>
        Assert.That(RetryAfterParser.Parse(Headers((name, value)), Now), Is.EqualTo(TimeSpan.MaxValue));

    [TestCase("soon")]
    [TestCase("-3")]
    [TestCase("NaN")]
    public void Parse_Garbage_ReturnsNull(string value) =>
        Assert.That(RetryAfterParser.Parse(Headers(("retry-after", value)), Now), Is.Null);

    [Test]
    public void Parse_NoHeader_ReturnsNull() => Assert.That(RetryAfterParser.Parse(Headers(), Now), Is.Null);

    [TestCase("true", true)]
    [TestCase("false", false)]
    [TestCase("maybe", null)]
    public void ParseShouldRetry_ReadsHeader(string value, bool? expected) =>
        Assert.That(RetryAfterParser.ParseShouldRetry(Headers(("x-should-retry", value))), Is.EqualTo(expected));
}
