using System.Text;
using MultiModel.Providers.ChatCompletions;

namespace MultiModel.Tests.Providers.ChatCompletions;

[Parallelizable(ParallelScope.All)]
public class ChatCompletionsErrorParserTests
{
    [TestCase("""{"code":"Client specified an invalid argument","error":"Bad."}""", "Client specified an invalid argument", "Bad.")]
    [TestCase("""{"error":{"message":"Bad.","type":"invalid_request_error","code":"invalid_value"}}""", "invalid_request_error", "Bad.")]
    [TestCase("""{"error":{"message":"Bad.","code":"rate_limit_exceeded"}}""", "rate_limit_exceeded", "Bad.")]
    [TestCase("""{"error":{"message":"Bad.","code":429}}""", "429", "Bad.")]
    [TestCase("""{"error":"Bad."}""", null, "Bad.")]
    [TestCase("""{"object":"error","message":"Bad.","type":"BadRequestError","param":null,"code":400}""", "BadRequestError", "Bad.")]
    [TestCase("Failed to deserialize the JSON body", null, "Failed to deserialize the JSON body")]
    [TestCase("404 page not found", null, "404 page not found")]
    [TestCase("  \n", null, null)]
    [TestCase("", null, null)]
    [TestCase("<html><body>502 Bad Gateway</body></html>", null, null)]
    [TestCase("""{"error":{"message":""" , null, """{"error":{"message":""")]
    [TestCase("""{"unexpected":true}""", null, null)]
    [TestCase("""{"error":null,"code":null}""", null, null)]
    [TestCase("""{"error":{"message":["not","text"],"type":{"x":1}}}""", null, null)]
    public void Parse_Body_ReadsTypeAndMessageWithoutThrowing(string body, string? type, string? message)
    {
        var error = ChatCompletionsErrorParser.Parse(Encoding.UTF8.GetBytes(body));

        Assert.That(error.ErrorType, Is.EqualTo(type));
        Assert.That(error.Message, Is.EqualTo(message));
    }

    [TestCase("""{"code":"Client specified an invalid argument","error":"This model's maximum prompt length is 131072 but the request contains 625077 tokens."}""")]
    [TestCase("""{"error":{"message":"This model's maximum context length is 8192 tokens.","type":"invalid_request_error","code":"context_length_exceeded"}}""")]
    [TestCase("""{"error":{"message":"Too long.","code":"context_length_exceeded"}}""")]
    public void Parse_ContextTooLong_IsRecognized(string body) =>
        Assert.That(ChatCompletionsErrorParser.Parse(Encoding.UTF8.GetBytes(body)).IsContextLengthExceeded, Is.True);

    [Test]
    public void Parse_LongPlainText_IsShortened()
    {
        var error = ChatCompletionsErrorParser.Parse(Encoding.UTF8.GetBytes(new string('x', 5000)));

        Assert.That(error.Message, Has.Length.EqualTo(1001));
    }

    [Test]
    public void Parse_InvalidUtf8_DoesNotThrow()
    {
        var error = ChatCompletionsErrorParser.Parse([0xFF, 0xFE, 0x7B, 0x22]);

        Assert.That(error.ErrorType, Is.Null);
    }
}
