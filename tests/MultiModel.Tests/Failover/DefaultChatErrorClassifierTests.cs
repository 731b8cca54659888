using System.Net;
using MultiModel.Failover;

namespace MultiModel.Tests.Failover;

[Parallelizable(ParallelScope.All)]
public class DefaultChatErrorClassifierTests
{
    [TestCase(HttpStatusCode.ServiceUnavailable, ChatErrorClass.ServerError, true)]
    [TestCase(HttpStatusCode.TooManyRequests, ChatErrorClass.RateLimited, true)]
    [TestCase(HttpStatusCode.Unauthorized, ChatErrorClass.Authentication, true)]
    [TestCase(HttpStatusCode.BadRequest, ChatErrorClass.InvalidRequest, false)]
    public void Classify_HttpRequestExceptionWithStatus_UsesTheStatus(HttpStatusCode status, ChatErrorClass expected, bool failOver)
    {
        var decision = DefaultChatErrorClassifier.Instance.Classify(new HttpRequestException("status", null, status));

        Assert.That(decision, Is.EqualTo(new ChatErrorDecision(expected, failOver)));
    }

    [Test]
    public void Classify_JsonException_IsMalformedResponse()
    {
        var decision = DefaultChatErrorClassifier.Instance.Classify(new System.Text.Json.JsonException("bad"));

        Assert.That(decision, Is.EqualTo(ChatErrorDecision.FailOver(ChatErrorClass.MalformedResponse)));
    }

    [TestCase(500)]
    [TestCase(429)]
    [TestCase(401)]
    [TestCase(400)]
    [TestCase(404)]
    public void Classify_OverloadedErrorTypeOnAnyStatus_IsOverloaded(int status)
    {
        var decision = DefaultChatErrorClassifier.Instance.Classify(Some.HttpError("claude", status, "overloaded_error"));

        Assert.That(decision, Is.EqualTo(ChatErrorDecision.FailOver(ChatErrorClass.Overloaded)));
    }

    [TestCase(ChatProviderErrorKind.Transport)]
    [TestCase(ChatProviderErrorKind.Timeout)]
    [TestCase(ChatProviderErrorKind.HttpStatus)]
    public void Classify_ContextLengthExceeded_WinsOverTheKind(ChatProviderErrorKind kind)
    {
        var exception = new ChatProviderException("grok", kind, "The prompt is too long.") { StatusCode = 400, IsContextLengthExceeded = true };

        var decision = DefaultChatErrorClassifier.Instance.Classify(exception);

        Assert.That(decision, Is.EqualTo(ChatErrorDecision.FailOver(ChatErrorClass.ContextLengthExceeded)));
    }

    [Test]
    public void Classify_OtherFourHundreds_FailOverAsOther()
    {
        var decision = DefaultChatErrorClassifier.Instance.Classify(Some.HttpError("grok", 410));

        Assert.That(decision, Is.EqualTo(ChatErrorDecision.FailOver(ChatErrorClass.Other)));
    }

    [Test]
    public void Classify_NestedChainThatFailedOver_CarriesItsLastClass()
    {
        var nested = new ChatFailoverException("inner gave up") { Reason = ChatFailoverReason.AllFailed, ErrorClass = ChatErrorClass.Transport };

        Assert.That(DefaultChatErrorClassifier.Instance.Classify(nested), Is.EqualTo(ChatErrorDecision.FailOver(ChatErrorClass.Transport)));
    }

    [Test]
    public void Classify_NestedChainWithoutFailure_IsOther()
    {
        var nested = new ChatFailoverException("inner below threshold") { Reason = ChatFailoverReason.NoneMetThreshold };

        Assert.That(DefaultChatErrorClassifier.Instance.Classify(nested), Is.EqualTo(ChatErrorDecision.FailOver(ChatErrorClass.Other)));
    }

    [Test]
    public void Classify_NestedChainThatFailedFast_FailsFastUnlessTurnedOff()
    {
        var nested = new ChatFailoverException("inner failed fast") { Reason = ChatFailoverReason.FailedFast, ErrorClass = ChatErrorClass.InvalidRequest };

        Assert.That(DefaultChatErrorClassifier.Instance.Classify(nested).ShouldFailOver, Is.False);
        Assert.That(new DefaultChatErrorClassifier { FailFastOnInvalidRequest = false }.Classify(nested).ShouldFailOver, Is.True);
    }

    [Test]
    public void Classify_OperationCanceledWithoutTimeout_IsOther()
    {
        Assert.That(DefaultChatErrorClassifier.Instance.Classify(new OperationCanceledException()).ErrorClass, Is.EqualTo(ChatErrorClass.Other));
    }
}
