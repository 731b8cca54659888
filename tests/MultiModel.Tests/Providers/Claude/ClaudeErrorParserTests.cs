using System.Text;
using MultiModel.Providers.Claude;

namespace MultiModel.Tests.Providers.Claude;

[Parallelizable(ParallelScope.All)]
public class ClaudeErrorParserTests
{
    [Test]
    public void Parse_Envelope_ReadsTypeMessageAndRequestId()
    {
        var error = ClaudeErrorParser.Parse("""
            {"type":"error","error":{"details":{"error_code":"enforced_spend_limit_reached"},"type":"rate_limit_error","message":"Spend limit reached"},"request_id":"req_1","extra":[1,{"a":2}]}
            """u8);

        Assert.Multiple(() =>
        {
            Assert.That(error.ErrorType, Is.EqualTo("rate_limit_error"));
            Assert.That(error.Message, Is.EqualTo("Spend limit reached"));
            Assert.That(error.RequestId, Is.EqualTo("req_1"));
            Assert.That(error.IsContextLengthExceeded, Is.False);
        });
    }

    [TestCase("")]
    [TestCase("<html><body>413 Request Entity Too Large</body></html>")]
    [TestCase("null")]
    [TestCase("[\"error\"]")]
    [TestCase("{\"error\":42,\"request_id\":{}}")]
    public void Parse_NotAnEnvelope_ReturnsNothingWithoutThrowing(string body)
    {
        var error = ClaudeErrorParser.Parse(Encoding.UTF8.GetBytes(body));

        Assert.Multiple(() =>
        {
            Assert.That(error.ErrorType, Is.Null);
            Assert.That(error.Message, Is.Null);
            Assert.That(error.RequestId, Is.Null);
        });
    }

    [Test]
    public void Parse_CutShort_KeepsWhatWasRead()
    {
        var error = ClaudeErrorParser.Parse("""{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_cu"""u8);

        Assert.Multiple(() =>
        {
            Assert.That(error.ErrorType, Is.EqualTo("overloaded_error"));
            Assert.That(error.Message, Is.EqualTo("Overloaded"));
            Assert.That(error.RequestId, Is.Null);
        });
    }

    [Test]
    public void Parse_ByteOrderMarkAndStringError_ReadsTheMessage()
    {
        var body = Encoding.UTF8.GetPreamble().Concat("""{"error":"upstream timed out"}"""u8.ToArray()).ToArray();

        var error = ClaudeErrorParser.Parse(body);

        Assert.Multiple(() =>
        {
            Assert.That(error.Message, Is.EqualTo("upstream timed out"));
            Assert.That(error.ErrorType, Is.Null);
        });
    }

    [Test]
    public void Parse_PromptTooLong_FlagsContextLength()
    {
        var error = ClaudeErrorParser.Parse("""{"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 3333404 tokens > 200000 maximum"}}"""u8);

        Assert.That(error.IsContextLengthExceeded, Is.True);
    }
}
