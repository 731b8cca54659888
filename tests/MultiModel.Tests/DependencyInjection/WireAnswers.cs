using System.Net;
using RichardSzalay.MockHttp;

namespace MultiModel.Tests.DependencyInjection;

/// <summary>Small wire-format answers for DI tests.</summary>
internal static class WireAnswers
{
    public const string GrokUrl = "https://api.x.ai/v1/chat/completions";
    public const string ClaudeUrl = "https://api.anthropic.com/v1/messages";

    public static string Claude(string text) => $$$"""
        {"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929",
         "content":[{"type":"text","text":"{{{text}}}"}],"stop_reason":"end_turn","stop_sequence":null,
         "usage":{"input_tokens":10,"output_tokens":2}}
        """;

    public static string Grok(string text) => $$$"""
        {"id":"g-1","object":"chat.completion","created":1767000000,"model":"grok-4",
         "choices":[{"index":0,"message":{"role":"assistant","content":"{{{text}}}","refusal":null},"finish_reason":"stop"}],
         "usage":{"prompt_tokens":10,"completion_tokens":2,"total_tokens":12}}
        """;

    public static MockedRequest AnswerClaude(this MockHttpMessageHandler mock, string text, bool expect = false)
    {
        var request = expect ? mock.Expect(HttpMethod.Post, ClaudeUrl) : mock.When(HttpMethod.Post, ClaudeUrl);
        request.Respond("application/json", Claude(text));
        return request;
    }

    public static MockedRequest AnswerGrok(this MockHttpMessageHandler mock, string text, bool expect = false)
    {
        var request = expect ? mock.Expect(HttpMethod.Post, GrokUrl) : mock.When(HttpMethod.Post, GrokUrl);
        request.Respond("application/json", Grok(text));
        return request;
    }

    public static HttpResponseMessage Status(int status, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage((HttpStatusCode)status)
        {
            Content = new StringContent("""{"code":"Some error","error":"Too many requests for this team."}""", System.Text.Encoding.UTF8, "application/json"),
        };
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }
}
