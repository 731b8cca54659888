namespace MultiModel.Tests.Abstractions;

[Parallelizable(ParallelScope.All)]
public class ChatProviderExceptionTests
{
    [TestCase(408, true)]
    [TestCase(409, true)]
    [TestCase(429, true)]
    [TestCase(500, true)]
    [TestCase(503, true)]
    [TestCase(529, true)]
    [TestCase(400, false)]
    [TestCase(401, false)]
    [TestCase(404, false)]
    [TestCase(422, false)]
    public void IsTransient_ByStatus(int status, bool expected)
    {
        var ex = new ChatProviderException("p", ChatProviderErrorKind.HttpStatus, "m") { StatusCode = status };
        Assert.That(ex.IsTransient, Is.EqualTo(expected));
    }

    [Test]
    public void IsTransient_ShouldRetryHeader_WinsOverStatus()
    {
        var ex = new ChatProviderException("p", ChatProviderErrorKind.HttpStatus, "m") { StatusCode = 503, ShouldRetry = false };
        Assert.That(ex.IsTransient, Is.False);
    }

    [Test]
    public void IsTransient_RateLimitForSpendingLimit_IsNotTransient()
    {
        var ex = new ChatProviderException("p", ChatProviderErrorKind.HttpStatus, "m")
        {
            StatusCode = 429,
            ProviderMessage = "Your team has reached its monthly spending limit.",
        };
        Assert.That(ex.IsTransient, Is.False);
    }

    [TestCase(ChatProviderErrorKind.Transport, true)]
    [TestCase(ChatProviderErrorKind.Timeout, true)]
    [TestCase(ChatProviderErrorKind.MalformedResponse, true)]
    public void IsTransient_ByKind(ChatProviderErrorKind kind, bool expected) =>
        Assert.That(new ChatProviderException("p", kind, "m").IsTransient, Is.EqualTo(expected));

    [TestCase("overloaded_error", true)]
    [TestCase("invalid_request_error", false)]
    public void IsTransient_StreamErrorByType(string type, bool expected) =>
        Assert.That(new ChatProviderException("p", ChatProviderErrorKind.StreamError, "m") { ErrorType = type }.IsTransient, Is.EqualTo(expected));

    [Test]
    public void ResponseBody_LongerThanCap_IsTruncated()
    {
        var ex = new ChatProviderException("p", ChatProviderErrorKind.HttpStatus, "m") { ResponseBody = new string('x', 10_000) };
        Assert.That(ex.ResponseBody, Has.Length.EqualTo(ChatProviderException.MaxResponseBodyLength));
    }
}
